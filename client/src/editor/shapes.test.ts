import { describe, expect, it } from 'vitest';
import { DrawingShape, DrawingShapes } from '../contract';
import editorReducer, {
  historyUndone,
  shapesAdded,
  shapesMoved,
  shapesTransformed,
  styleApplied,
  textEdited,
} from './editorSlice';
import { normalizeRotation, normalizeShape } from './normalize';
import { simplifyStroke } from './simplify';
import { cloneShape, createShape, createShapeCenteredAt, LIMITS, MAX_SHAPES, SHAPE_TYPES } from './shapes';

describe('shapes made by the editor', () => {
  it.each(SHAPE_TYPES)('are accepted by the server schema as they are (%s)', (type) => {
    const shape = createShape(type);
    expect(DrawingShape.parse(shape)).toEqual(shape);
  });

  it('are plain serializable data with unique ids', () => {
    const first = createShape('rect', { x: 10, y: 20 });
    const second = createShape('rect');
    expect(first).toMatchObject({ type: 'rect', x: 10, y: 20, rotation: 0, version: 1 });
    expect(first.id).not.toBe(second.id);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('centre a click-made box on the point', () => {
    const shape = createShapeCenteredAt('ellipse', { x: 200, y: 100 });
    expect(shape.x + shape.width / 2).toBe(200);
    expect(shape.y + shape.height / 2).toBe(100);
  });

  it('clone with a new id and version 1', () => {
    const original = { ...createShape('line'), version: 7 };
    const copy = cloneShape(original, 5, 6);
    expect(copy).toMatchObject({ x: original.x + 5, y: original.y + 6, version: 1, points: original.points });
    expect(copy.id).not.toBe(original.id);
  });

  it('stay valid through every command, however wild its input', () => {
    const text = createShape('text', { id: 't', text: 'note', fontSize: 20, width: 40, height: 25 });
    const pen = createShape('pen', { id: 'p', points: [0, 0, 3, 4, 9, 1] });
    let state = editorReducer(undefined, shapesAdded([createShape('rect', { id: 'r' }), text, pen]));
    state = editorReducer(state, shapesMoved(['r', 'p'], -50.123456, 1e9));
    state = editorReducer(
      state,
      shapesTransformed([
        { id: 'r', x: 1.005, y: 2, rotation: 725, scaleX: 3.333, scaleY: 0.001 },
        { id: 't', x: 0, y: 0, rotation: -190, scaleX: 2, scaleY: 2 },
        { id: 'p', x: 0, y: 0, rotation: 0, scaleX: -2, scaleY: 1e6 },
      ]),
    );
    state = editorReducer(state, styleApplied(['r', 't', 'p'], { strokeWidth: 9999, opacity: 1.7, fontSize: 5000 }));
    state = editorReducer(state, textEdited('t', 'a\u0000b\ud800', { width: 10, height: 10 }));
    expect(DrawingShapes.safeParse(state.document.shapes).error).toBeUndefined();
    const [r, t] = state.document.shapes;
    expect(r).toMatchObject({ rotation: 5, strokeWidth: LIMITS.strokeWidth, opacity: 1 });
    expect(t).toMatchObject({ rotation: 170, fontSize: LIMITS.fontSize.max, text: 'ab\ufffd' });
  });

  it('stops at the server’s shape limit and says why', () => {
    const many = Array.from({ length: MAX_SHAPES }, () => createShape('rect'));
    let state = editorReducer(undefined, shapesAdded(many));
    expect(state.document.shapes).toHaveLength(MAX_SHAPES);
    const full = state;
    state = editorReducer(state, shapesAdded([createShape('rect')]));
    expect(state.document).toBe(full.document);
    expect(state.ui.notice).toMatch(/10,000 shapes/);
    expect(DrawingShapes.safeParse(state.document.shapes).success).toBe(true);
  });

  it('refuses a stroke that would pass the drawing’s point budget', () => {
    const points = (count: number) => Array.from({ length: count * 2 }, (_, i) => i % 7);
    const full = LIMITS.pointsPerDrawing / LIMITS.pointsPerShape;
    const strokes = Array.from({ length: full }, () => createShape('pen', { points: points(LIMITS.pointsPerShape) }));
    let state = editorReducer(undefined, shapesAdded(strokes));
    expect(state.document.shapes).toHaveLength(full);
    state = editorReducer(state, shapesAdded([createShape('pen', { points: points(1) })]));
    expect(state.document.shapes).toHaveLength(full);
    expect(state.ui.notice).toMatch(/300,000 points/);
  });

  it('keep their versions increasing through undo', () => {
    let state = editorReducer(undefined, shapesAdded([createShape('rect', { id: 'a' })]));
    state = editorReducer(state, shapesMoved(['a'], 1, 1));
    state = editorReducer(state, historyUndone());
    expect(state.document.shapes[0]).toMatchObject({ x: 0, version: 3 });
  });
});

describe('normalizing', () => {
  it('brings rotation into (-180, 180]', () => {
    expect([0, 180, -180, 190, -190, 360, 725, -725].map(normalizeRotation)).toEqual([
      0, 180, 180, -170, 170, 0, 5, -5,
    ]);
    expect(normalizeRotation(Number.NaN)).toBe(0);
  });

  it('rounds to two decimals and clamps to the schema', () => {
    const shape = normalizeShape(createShape('line', { x: 1.23456, y: -2e9, points: [0, 0, 1.005, Infinity] }));
    expect(shape).toMatchObject({ x: 1.23, y: -LIMITS.coordinate });
    expect(shape.points[3]).toBe(0);
  });
});

describe('pen strokes', () => {
  const wobble = (count: number) =>
    Array.from({ length: count }, (_, i) => [i * 2, Math.sin(i / 20) * 40 + ((i * 7919) % 3) * 0.1]).flat();

  it('are simplified to a fraction of their points, keeping both ends', () => {
    const raw = wobble(600);
    const simplified = simplifyStroke(raw, 0.75);
    expect(simplified.length).toBeLessThan(raw.length / 5);
    expect(simplified.slice(0, 2)).toEqual(raw.slice(0, 2));
    expect(simplified.slice(-2)).toEqual(raw.slice(-2));
  });

  it('are coarsened until they fit the per-shape limit', () => {
    const noisy = Array.from({ length: 20_000 }, (_, i) => [i, (i * 7919) % 50]).flat();
    expect(simplifyStroke(noisy, 0).length / 2).toBeLessThanOrEqual(LIMITS.pointsPerShape);
  });

  it('keep a dot as a dot', () => {
    expect(simplifyStroke([3, 4], 1)).toEqual([3, 4]);
  });
});
