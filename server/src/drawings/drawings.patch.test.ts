import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { DRAWING_LIMITS } from '../contract/shapes.ts';

let t: TestApp;
let user: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  user = await loginAs(t);
});

const api = () => request(t.app);
const rect = (id: string, x = 0) => ({ id, type: 'rect', x, y: 0, width: 10, height: 10 });
const pen = (id: string, points: number) => ({
  id,
  type: 'pen',
  x: 0,
  y: 0,
  points: Array.from({ length: points * 2 }, (_, i) => i % 500),
});
const ids = (shapes: Array<{ id: string }>) => shapes.map((s) => s.id);
const paths = (res: request.Response) => (res.body.errors as Array<{ path: string }>).map((e) => e.path);

async function createDrawing(shapes: unknown[] = [rect('a'), rect('b'), rect('c')]) {
  const res = await api().post('/api/drawings').set(user.auth).send({ title: 'start', shapes });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

/** A drawing put straight into the table, for setups too big to be worth posting. */
async function insertDrawing(shapes: unknown[]) {
  const row = await t.db.drawing.create({ data: { ownerId: user.userId, title: 'big', shapes: shapes as never } });
  return { id: row.id, version: row.version };
}

const patch = (id: string) => api().patch(`/api/drawings/${id}`).set(user.auth);
const stored = (id: string) => t.db.drawing.findUniqueOrThrow({ where: { id } });

describe('PATCH /api/drawings/:id', () => {
  it('adds, changes and removes shapes by id in one step: 200, version + 1, new ETag', async () => {
    const drawing = await createDrawing();
    const res = await patch(drawing.id).send({
      version: 1,
      added: [rect('d')],
      changed: [rect('b', 50)],
      removed: ['a'],
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    // The drawing without its shapes: the client has them.
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'id', 'title', 'updatedAt', 'version']);
    expect(res.body).toMatchObject({ id: drawing.id, title: 'start', version: 2 });
    const row = await stored(drawing.id);
    expect(row.version).toBe(2);
    expect(row.updatedAt.toISOString()).toBe(res.body.updatedAt);
    const shapes = row.shapes as Array<{ id: string }>;
    expect(ids(shapes)).toEqual(['b', 'c', 'd']);
    expect(shapes[0]).toMatchObject({ id: 'b', x: 50, rotation: 0, stroke: '#1e1e1e' });
  });

  it('takes If-Match instead of a body version, and a title alone', async () => {
    const drawing = await createDrawing();
    const res = await patch(drawing.id).set('If-Match', '"1"').send({ title: 'renamed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'renamed', version: 2 });
    expect(ids((await stored(drawing.id)).shapes as Array<{ id: string }>)).toEqual(['a', 'b', 'c']);
  });

  it('answers 428 without a version or If-Match, and changes nothing', async () => {
    const drawing = await createDrawing();
    const res = await patch(drawing.id).send({ removed: ['a'] });
    expect(res.status).toBe(428);
    expect(res.body.code).toBe('precondition_required');
    expect(await stored(drawing.id)).toMatchObject({ version: 1 });
  });

  it('two writers from one version: one 200, one 409 with the winner as current, nothing lost', async () => {
    const drawing = await createDrawing();
    const [a, b] = await Promise.all([
      patch(drawing.id).send({ version: 1, added: [rect('from-a')] }),
      patch(drawing.id).send({ version: 1, removed: ['a'], added: [rect('from-b')] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body.code).toBe('version_conflict');
    expect(loser.body.current).toMatchObject(winner.body);
    expect(loser.headers.etag).toBe('"2"');
    const row = await stored(drawing.id);
    expect(row).toMatchObject({ version: 2, shapes: loser.body.current.shapes });
    const winnerAdded = a.status === 200 ? 'from-a' : 'from-b';
    expect(ids(row.shapes as Array<{ id: string }>)).toContain(winnerAdded);
  });

  it('ten writers racing from one version: exactly one wins and its shapes are what is stored', async () => {
    const drawing = await createDrawing();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => patch(drawing.id).send({ version: 1, added: [rect(`client-${i}`)] })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = results.findIndex((r) => r.status === 200);
    const row = await stored(drawing.id);
    expect(row).toMatchObject({ version: 2 });
    expect(ids(row.shapes as Array<{ id: string }>)).toEqual(['a', 'b', 'c', `client-${winner}`]);
  });

  it('answers a stale version with 409 and a stale If-Match with 412, both with current', async () => {
    const drawing = await createDrawing();
    await patch(drawing.id)
      .send({ version: 1, removed: ['c'] })
      .expect(200);
    const stale = await patch(drawing.id).send({ version: 1, removed: ['a'] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', current: { version: 2 } });
    expect(ids(stale.body.current.shapes)).toEqual(['a', 'b']);
    const staleTag = await patch(drawing.id)
      .set('If-Match', '"1"')
      .send({ removed: ['a'] });
    expect(staleTag.status).toBe(412);
    expect(staleTag.body).toMatchObject({ code: 'precondition_failed', current: { version: 2 } });
    const retry = await patch(drawing.id).send({ version: stale.body.current.version, removed: ['a'] });
    expect(retry.status).toBe(200);
    expect(ids((await stored(drawing.id)).shapes as Array<{ id: string }>)).toEqual(['b']);
  });

  it('judges the version before the ids: a stale patch naming a shape that is gone is a 409', async () => {
    const drawing = await createDrawing();
    await patch(drawing.id)
      .send({ version: 1, removed: ['a'] })
      .expect(200);
    const res = await patch(drawing.id).send({ version: 1, changed: [rect('a', 9)] });
    expect(res.status).toBe(409);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['changing a shape that is not there', { changed: [rect('nope')] }, 'changed.0.id'],
    ['removing a shape that is not there', { removed: ['a', 'nope'] }, 'removed.1'],
    ['adding an id already in the drawing', { added: [rect('d'), rect('a')] }, 'added.1.id'],
    ['the same id twice in added', { added: [rect('d'), rect('d')] }, 'added.1.id'],
    ['one id both changed and removed', { changed: [rect('a', 5)], removed: ['a'] }, 'removed.0'],
    ['a bad shape', { added: [{ ...rect('d'), width: -1 }] }, 'added.0.width'],
    ['a bad id to remove', { removed: ['no spaces'] }, 'removed.0'],
    ['nothing to do', {}, 'added'],
    ['an unknown member', { shapes: [] }, ''],
  ])('refuses %s with 422 at its path, writing nothing', async (_name, body, path) => {
    const drawing = await createDrawing();
    const res = await patch(drawing.id).send({ version: 1, ...body });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(paths(res)).toContain(path);
    const row = await stored(drawing.id);
    expect(row).toMatchObject({ version: 1, title: 'start' });
    expect(ids(row.shapes as Array<{ id: string }>)).toEqual(['a', 'b', 'c']);
  });

  it('bounds the merged result: shapes and points past the drawing limits are refused whole', async () => {
    const { shapesPerDrawing, pointsPerDrawing, pointsPerShape } = DRAWING_LIMITS;
    const full = Array.from({ length: shapesPerDrawing }, (_, i) => rect(`s${i}`));
    const drawing = await insertDrawing(full);
    const tooMany = await patch(drawing.id).send({ version: 1, added: [rect('one-more')] });
    expect(tooMany.status).toBe(422);
    expect(paths(tooMany)).toEqual(['shapes']);
    const swap = await patch(drawing.id).send({ version: 1, removed: ['s0'], added: [rect('one-more')] });
    expect(swap.status).toBe(200);

    const strokes = pointsPerDrawing / pointsPerShape;
    const atPoints = await insertDrawing(Array.from({ length: strokes }, (_, i) => pen(`p${i}`, pointsPerShape)));
    const tooManyPoints = await patch(atPoints.id).send({ version: 1, added: [pen('dot', 1)] });
    expect(tooManyPoints.status).toBe(422);
    expect(paths(tooManyPoints)).toEqual(['shapes']);
    const longer = await patch(atPoints.id).send({
      version: 1,
      changed: [pen('p0', pointsPerShape - 1)],
      added: [pen('dot', 1)],
    });
    expect(longer.status).toBe(200);
    expect(await stored(atPoints.id)).toMatchObject({ version: 2 });
  }, 90_000);

  it('bounds the bytes of the merged result, which no single request limit would catch', async () => {
    const note = (id: string) => ({
      id,
      type: 'text',
      x: 0,
      y: 0,
      width: 100,
      height: 20,
      fontSize: 16,
      text: 'é'.repeat(4_999),
    });
    const perPatch = 80; // ~800 kB of UTF-8 per request, under the 1 MB PATCH body limit
    const drawing = await createDrawing([]);
    let version = drawing.version;
    let res: request.Response | undefined;
    for (let batch = 0; batch < 20; batch += 1) {
      const added = Array.from({ length: perPatch }, (_, i) => note(`n${batch}-${i}`));
      res = await patch(drawing.id).send({ version, added });
      if (res.status !== 200) break;
      version = res.body.version;
    }
    expect(res?.status).toBe(422);
    expect(res?.body.errors[0].message).toMatch(/bytes of JSON; at most 8000000/);
    const row = await stored(drawing.id);
    expect(row.version).toBe(version);
    expect(Buffer.byteLength(JSON.stringify(row.shapes))).toBeLessThanOrEqual(DRAWING_LIMITS.documentBytes);
  }, 90_000);

  it('keeps its requests small: a body over 1 MB is 413', async () => {
    const drawing = await createDrawing();
    const added = Array.from({ length: 30 }, (_, i) => pen(`big${i}`, DRAWING_LIMITS.pointsPerShape));
    const res = await patch(drawing.id).send({ version: 1, added });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('is 404 for a drawing that is not yours, whatever the patch says', async () => {
    const drawing = await createDrawing();
    const other = await loginAs(t);
    const res = await api()
      .patch(`/api/drawings/${drawing.id}`)
      .set(other.auth)
      .send({ version: 1, removed: ['a'] });
    expect(res.status).toBe(404);
    expect(res.body.current).toBeUndefined();
    expect(await stored(drawing.id)).toMatchObject({ version: 1 });
  });
});
