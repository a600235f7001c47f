import { describe, expect, it } from 'vitest';
import editorReducer, {
  documentLoaded,
  initialEditorState,
  shapeAdded,
  shapeMoved,
  shapeSelected,
  toolSelected,
  type EditorState,
} from './editorSlice';
import { createShape, createShapeCenteredAt, DEFAULT_SHAPE_SIZE } from './shapes';

function stateWith(...shapes: ReturnType<typeof createShape>[]): EditorState {
  return shapes.reduce((state, shape) => editorReducer(state, shapeAdded(shape)), initialEditorState);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('editor shape factory', () => {
  it('makes plain serializable shapes with unique ids', () => {
    const first = createShape('rect', { x: 10, y: 20 });
    const second = createShape('rect');
    expect(first).toMatchObject({ type: 'rect', x: 10, y: 20, rotation: 0, version: 1 });
    expect(first.id).not.toBe(second.id);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('centres a new shape on the given point', () => {
    const shape = createShapeCenteredAt('ellipse', { x: 200, y: 100 });
    expect(shape.x + shape.width / 2).toBe(200);
    expect(shape.y + shape.height / 2).toBe(100);
    expect(shape).toMatchObject(DEFAULT_SHAPE_SIZE);
  });
});

describe('editorReducer', () => {
  it('starts empty with the rect tool and nothing selected', () => {
    expect(editorReducer(undefined, { type: '@@init' })).toEqual({
      shapes: [],
      revision: 0,
      tool: 'rect',
      selectedId: null,
    });
  });

  it('adds a shape on top and selects it', () => {
    const a = createShape('rect', { id: 'a' });
    const b = createShape('ellipse', { id: 'b' });
    const state = stateWith(a, b);
    expect(state.shapes.map((shape) => shape.id)).toEqual(['a', 'b']);
    expect(state.selectedId).toBe('b');
  });

  it('ignores a second shape with an id already in use', () => {
    const state = stateWith(createShape('rect', { id: 'a', x: 1 }));
    expect(editorReducer(state, shapeAdded(createShape('rect', { id: 'a', x: 99 })))).toBe(state);
  });

  it('moves a shape and bumps its version, leaving the others untouched', () => {
    const a = createShape('rect', { id: 'a' });
    const b = createShape('rect', { id: 'b', x: 5, y: 5 });
    const state = stateWith(a, b);
    const next = editorReducer(state, shapeMoved('b', { x: 40, y: 60 }));
    expect(next.shapes[1]).toMatchObject({ id: 'b', x: 40, y: 60, version: 2 });
    expect(next.shapes[0]).toBe(state.shapes[0]);
  });

  it('returns the same state when a move changes nothing or names an unknown shape', () => {
    const state = stateWith(createShape('rect', { id: 'a', x: 5, y: 5 }));
    expect(editorReducer(state, shapeMoved('a', { x: 5, y: 5 }))).toBe(state);
    expect(editorReducer(state, shapeMoved('missing', { x: 1, y: 1 }))).toBe(state);
  });

  it('selects an existing shape, clears with null, and ignores unknown ids', () => {
    const state = stateWith(createShape('rect', { id: 'a' }), createShape('rect', { id: 'b' }));
    const selectedA = editorReducer(state, shapeSelected('a'));
    expect(selectedA.selectedId).toBe('a');
    expect(editorReducer(selectedA, shapeSelected(null)).selectedId).toBeNull();
    expect(editorReducer(selectedA, shapeSelected('missing'))).toBe(selectedA);
  });

  it('changes the tool', () => {
    const next = editorReducer(initialEditorState, toolSelected('ellipse'));
    expect(next.tool).toBe('ellipse');
    expect(editorReducer(next, toolSelected('ellipse'))).toBe(next);
  });

  it('never mutates the previous state', () => {
    const state = deepFreeze(stateWith(createShape('rect', { id: 'a' })));
    const snapshot = structuredClone(state);
    const actions = [
      shapeAdded(createShape('ellipse', { id: 'b' })),
      shapeMoved('a', { x: 300, y: 300 }),
      shapeSelected(null),
      toolSelected('ellipse'),
    ];
    // Frozen objects throw on write in strict-mode modules, so a mutation fails loudly here too.
    for (const action of actions) expect(editorReducer(state, action)).not.toBe(state);
    expect(state).toEqual(snapshot);
  });

  it('ignores actions of other slices, including names that exist on Object.prototype', () => {
    const state = stateWith(createShape('rect', { id: 'a' }));
    expect(editorReducer(state, { type: 'health/healthLoading' })).toBe(state);
    expect(editorReducer(state, { type: 'toString' })).toBe(state);
  });

  it('counts document changes, not selection or tool changes, and starts again on load', () => {
    const state = stateWith(createShape('rect', { id: 'a' }), createShape('rect', { id: 'b' }));
    expect(state.revision).toBe(2);
    const moved = editorReducer(state, shapeMoved('a', { x: 5, y: 5 }));
    expect(moved.revision).toBe(3);
    expect(editorReducer(moved, shapeSelected('b')).revision).toBe(3);
    expect(editorReducer(moved, toolSelected('ellipse')).revision).toBe(3);
    const loaded = editorReducer(moved, documentLoaded([createShape('ellipse', { id: 'c' })]));
    expect(loaded).toMatchObject({ revision: 0, selectedId: null });
    expect(loaded.shapes.map((s) => s.id)).toEqual(['c']);
  });
});
