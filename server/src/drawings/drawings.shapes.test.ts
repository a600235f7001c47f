import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { DRAWING_LIMITS, SHAPE_TYPES } from '../contract/shapes.ts';

let t: TestApp;
let user: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  user = await loginAs(t);
});

const api = () => request(t.app);
const post = (shapes: unknown) => api().post('/api/drawings').set(user.auth).send({ title: 'shapes', shapes });
const paths = (res: request.Response) => (res.body.errors as Array<{ path: string }>).map((e) => e.path);

const style = { rotation: 15, stroke: '#1971c2', strokeWidth: 2, fill: '#a5d8ff80', opacity: 0.5, z: 3, version: 4 };
const oneOfEach = [
  { id: 'rect-1', type: 'rect', x: -10, y: 20.5, width: 120, height: 80, ...style },
  { id: 'ellipse-1', type: 'ellipse', x: 0, y: 0, width: 40, height: 40, ...style, fill: 'transparent' },
  { id: 'line-1', type: 'line', x: 5, y: 5, points: [0, 0, 100, 100], ...style, fill: 'none' },
  { id: 'arrow_1', type: 'arrow', x: 5, y: 5, points: [0, 0, 50, 0, 50, 50], ...style, stroke: '#000' },
  { id: 'pen-1', type: 'pen', x: 1, y: 1, points: [0, 0], ...style },
  { id: 'text-1', type: 'text', x: 0, y: 0, width: 200, height: 30, text: 'Hello\nworld ✏️', fontSize: 24, ...style },
];

const valid = (overrides: Record<string, unknown> = {}, index = 0) => ({ ...oneOfEach[index], ...overrides });
const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

describe('shape validation', () => {
  it('accepts every shape type and stores it exactly as sent', async () => {
    expect(oneOfEach.map((s) => s.type)).toEqual([...SHAPE_TYPES]);
    const res = await post(oneOfEach);
    expect(res.status).toBe(201);
    expect(res.body.shapes).toEqual(oneOfEach);
    const row = await t.db.drawing.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.shapes).toEqual(oneOfEach);
  });

  it.each<[string, unknown[], string]>([
    ['opacity above 1', [valid({ opacity: 1.5 })], 'shapes.0.opacity'],
    ['an odd number of coordinates', [...oneOfEach.slice(0, 3), valid({ points: [0, 0, 1] }, 3)], 'shapes.3.points'],
    ['a non-number coordinate', [valid({}, 0), valid({ points: [0, 0, '1', 2] }, 2)], 'shapes.1.points.2'],
    ['a line with one point', [valid({ points: [0, 0] }, 2)], 'shapes.0.points'],
    ['a color name', [valid({ stroke: 'red' })], 'shapes.0.stroke'],
    ['a fill that is not a color', [valid({ fill: 'url(javascript:alert(1))' })], 'shapes.0.fill'],
    ['x outside the canvas', [valid({ x: 1e6 })], 'shapes.0.x'],
    ['an infinite number (1e999)', [valid({ y: 'INF' })], 'shapes.0.y'],
    ['a negative width', [valid({ width: -1 })], 'shapes.0.width'],
    ['a fractional z', [valid({ z: 1.5 })], 'shapes.0.z'],
    ['rotation beyond a turn', [valid({ rotation: 720 })], 'shapes.0.rotation'],
    ['a bad shape id', [valid({ id: 'no spaces' })], 'shapes.0.id'],
    ['a missing id', [valid({ id: undefined })], 'shapes.0.id'],
    ['an unknown type', [valid({ type: 'star' })], 'shapes.0.type'],
    ['a rect with points', [valid({ points: [0, 0, 1, 1] })], 'shapes.0'],
    ['an unknown key', [valid({ ownerId: 'x' })], 'shapes.0'],
    ['a zero font size', [valid({ fontSize: 0 }, 5)], 'shapes.0.fontSize'],
    ['text with a NUL', [valid({ text: 'a\u0000b' }, 5)], 'shapes.0.text'],
    ['text with a lone surrogate', [valid({ text: 'a\ud800b' }, 5)], 'shapes.0.text'],
    ['text over the limit', [valid({ text: 'x'.repeat(DRAWING_LIMITS.textLength + 1) }, 5)], 'shapes.0.text'],
    ['duplicate shape ids', [valid({ id: 'same' }), valid({ id: 'same' }, 1)], 'shapes.1.id'],
    ['a shape that is not an object', [valid(), null], 'shapes.1'],
    ['shapes that are not a list', { 0: valid() } as unknown as unknown[], 'shapes'],
  ])('refuses %s with 422 at its field path', async (_name, shapes, path) => {
    const body = JSON.stringify({ title: 'shapes', shapes }).replace('"INF"', '1e999');
    const res = await api().post('/api/drawings').set(user.auth).type('json').send(body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(paths(res)).toContain(path);
  });

  it('refuses more shapes than the limit', { timeout: 90_000 }, async () => {
    const res = await post(many(DRAWING_LIMITS.shapesPerDrawing + 1, (i) => valid({ id: `s${i}` })));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['shapes']);
  });

  it('refuses more points than the limit in one shape and in the whole drawing', { timeout: 90_000 }, async () => {
    const coordinates = (points: number) => many(points * 2, (i) => i % 1000);
    const oneShape = await post([valid({ points: coordinates(DRAWING_LIMITS.pointsPerShape + 1) }, 4)]);
    expect(oneShape.status).toBe(422);
    expect(paths(oneShape)).toEqual(['shapes.0.points']);
    const shapesAtLimit = DRAWING_LIMITS.pointsPerDrawing / DRAWING_LIMITS.pointsPerShape;
    const overall = await post([
      ...many(shapesAtLimit, (i) => valid({ id: `pen${i}`, points: coordinates(DRAWING_LIMITS.pointsPerShape) }, 4)),
      valid({ id: 'one-more' }, 4),
    ]);
    expect(overall.status).toBe(422);
    expect(paths(overall)).toEqual(['shapes']);
  });

  it('reports at most 50 field errors however much is wrong', async () => {
    const res = await post(many(500, (i) => ({ id: `s${i}`, type: 'rect', x: 'a', y: 'b' })));
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(50);
  });

  it('fits a full day of drawing: 6,000 freehand strokes of 40 points and 1,500 other shapes', async () => {
    // Eight hours with a stroke every five seconds (docs/drawings.md, "Limits"); pen points are
    // relative to the stroke's origin, at two decimals as the client rounds them.
    const stroke = (i: number) => ({
      ...valid({ id: `pen-${i}`, x: (i % 300) * 97.31, y: Math.floor(i / 300) * 51.7 }, 4),
      points: many(80, (k) => Number((((k * 37 + i) % 400) - 200 + 0.37).toFixed(2))),
    });
    const shapes = [
      ...many(6_000, stroke),
      ...many(1_000, (i) => valid({ id: `box-${i}`, x: i * 3.25, y: i * 1.5 }, i % 2)),
      ...many(300, (i) => valid({ id: `arrow-${i}` }, 3)),
      ...many(200, (i) => valid({ id: `note-${i}`, text: 'A note of about one line. '.repeat(4) }, 5)),
    ];
    const body = JSON.stringify({ title: 'a day', shapes });
    expect(shapes.length).toBeLessThanOrEqual(DRAWING_LIMITS.shapesPerDrawing);
    // About 4.6 MB: room to spare under the 8 MB bound, and the day is a single PUT when it must be.
    expect(Buffer.byteLength(body)).toBeLessThan(DRAWING_LIMITS.documentBytes * 0.6);
    const res = await api().post('/api/drawings').set(user.auth).type('json').send(body);
    expect(res.status).toBe(201);
    expect(res.body.shapes).toHaveLength(7_500);
  }, 90_000);
});
