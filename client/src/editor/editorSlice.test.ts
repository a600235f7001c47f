import { describe, expect, it } from 'vitest';
import editorReducer, {
  documentLoaded,
  HISTORY_LIMIT,
  historyRedone,
  historyUndone,
  initialEditorState,
  selectionChanged,
  shapesAdded,
  shapesDeleted,
  shapesMoved,
  shapesTransformed,
  styleApplied,
  textEdited,
  toolSelected,
  viewportChanged,
  type EditorState,
} from './editorSlice';
import { createShape, type Shape } from './shapes';

const rect = (id: string, x = 0) => createShape('rect', { id, x });

function stateWith(...shapes: Shape[]): EditorState {
  return editorReducer(initialEditorState, shapesAdded(shapes));
}

const ids = (state: EditorState) => state.document.shapes.map((shape) => shape.id);
const shape = (state: EditorState, id: string) => state.document.shapes.find((s) => s.id === id)!;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('editorReducer: document, revision and history', () => {
  it('starts empty, with the select tool, nothing selected and nothing to undo', () => {
    const state = editorReducer(undefined, { type: '@@init' });
    expect(state.document).toEqual({ shapes: [], revision: 0 });
    expect(state.history).toEqual({ past: [], future: [] });
    expect(state.ui).toMatchObject({ tool: 'select', selectedIds: [], helpOpen: false });
  });

  it('counts document changes, not tool, selection or viewport changes', () => {
    let state = stateWith(rect('a'), rect('b'));
    expect(state.document.revision).toBe(1);
    state = editorReducer(state, shapesMoved(['a'], 5, 5));
    expect(state.document.revision).toBe(2);
    for (const action of [toolSelected('pen'), selectionChanged(['b']), viewportChanged({ scale: 2 })]) {
      expect(editorReducer(state, action).document).toBe(state.document);
    }
  });

  it('loads a drawing in z-order with revision 0, an empty history and no selection', () => {
    const moved = editorReducer(stateWith(rect('a')), shapesMoved(['a'], 1, 1));
    const loaded = editorReducer(moved, documentLoaded([createShape('text', { id: 't', z: 5 }), rect('r')]));
    expect(ids(loaded)).toEqual(['r', 't']);
    expect(loaded.document.revision).toBe(0);
    expect(loaded.history).toEqual({ past: [], future: [] });
    expect(loaded.ui.selectedIds).toEqual([]);
  });

  it('makes each command one undo step and redoes it', () => {
    let state = stateWith(rect('a', 10));
    state = editorReducer(state, shapesMoved(['a'], 30, 0));
    state = editorReducer(state, styleApplied(['a'], { fill: '#ffc9c9' }));
    expect(shape(state, 'a')).toMatchObject({ x: 40, fill: '#ffc9c9' });

    state = editorReducer(state, historyUndone());
    expect(shape(state, 'a')).toMatchObject({ x: 40, fill: 'none' });
    state = editorReducer(state, historyUndone());
    expect(shape(state, 'a').x).toBe(10);
    state = editorReducer(state, historyUndone());
    expect(ids(state)).toEqual([]);
    expect(editorReducer(state, historyUndone())).toBe(state);

    state = editorReducer(state, historyRedone());
    state = editorReducer(state, historyRedone());
    expect(shape(state, 'a').x).toBe(40);
    expect(state.document.revision).toBe(8);
  });

  it('drops the redo branch when a new change is made', () => {
    let state = editorReducer(stateWith(rect('a')), shapesMoved(['a'], 1, 0));
    state = editorReducer(state, historyUndone());
    state = editorReducer(state, shapesMoved(['a'], 0, 9));
    expect(state.history.future).toEqual([]);
    expect(editorReducer(state, historyRedone())).toBe(state);
  });

  it('selects what undo and redo changed, and gives it a version newer than any copy', () => {
    let state = stateWith(rect('a'), rect('b'));
    state = editorReducer(state, shapesMoved(['a'], 5, 0));
    state = editorReducer(state, selectionChanged(['b']));
    expect(shape(state, 'a').version).toBe(2);
    state = editorReducer(state, historyUndone());
    expect(state.ui.selectedIds).toEqual(['a']);
    expect(shape(state, 'a')).toMatchObject({ x: 0, version: 3 });
    state = editorReducer(state, historyRedone());
    expect(shape(state, 'a')).toMatchObject({ x: 5, version: 4 });
  });

  it('records nothing for a command that changes nothing', () => {
    const state = stateWith(rect('a'));
    for (const action of [shapesMoved(['a'], 0, 0), shapesMoved(['missing'], 3, 3), shapesDeleted(['missing'])]) {
      expect(editorReducer(state, action)).toBe(state);
    }
    expect(editorReducer(state, styleApplied(['a'], { stroke: '#1e1e1e' })).document).toBe(state.document);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let state = stateWith(rect('a'));
    for (let i = 0; i < HISTORY_LIMIT + 10; i += 1) state = editorReducer(state, shapesMoved(['a'], 1, 0));
    expect(state.history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('never mutates the previous state', () => {
    const state = deepFreeze(stateWith(rect('a'), createShape('text', { id: 't', text: 'hi', fontSize: 20 })));
    const snapshot = structuredClone(state);
    const actions = [
      shapesAdded([rect('b')]),
      shapesMoved(['a'], 300, 300),
      shapesTransformed([{ id: 'a', x: 1, y: 2, rotation: 30, scaleX: 2, scaleY: 0.5 }]),
      styleApplied(['a', 't'], { opacity: 0.5, fontSize: 40 }),
      textEdited('t', 'hello', { width: 50, height: 25 }),
      shapesDeleted(['a']),
      historyUndone(),
      selectionChanged([]),
      toolSelected('pen'),
    ];
    for (const action of actions) expect(editorReducer(state, action)).not.toBe(state);
    expect(state).toEqual(snapshot);
  });

  it('ignores actions of other slices, including names that exist on Object.prototype', () => {
    const state = stateWith(rect('a'));
    expect(editorReducer(state, { type: 'health/healthLoading' })).toBe(state);
    expect(editorReducer(state, { type: 'toString' })).toBe(state);
  });
});

describe('editorReducer: selection', () => {
  it('selects added shapes, unless told not to (pen strokes)', () => {
    const state = stateWith(rect('a'), rect('b'));
    expect(state.ui.selectedIds).toEqual(['a', 'b']);
    const pen = createShape('pen', { id: 'p' });
    expect(editorReducer(state, shapesAdded([pen], false)).ui.selectedIds).toEqual(['a', 'b']);
  });

  it('forgets deleted shapes in the selection', () => {
    const state = editorReducer(stateWith(rect('a'), rect('b')), shapesDeleted(['a']));
    expect(state.ui.selectedIds).toEqual(['b']);
  });

  it('drops the selection when a drawing tool is picked, keeps it for the select tool', () => {
    const state = stateWith(rect('a'));
    expect(editorReducer(state, toolSelected('rect')).ui.selectedIds).toEqual([]);
    expect(editorReducer(state, toolSelected('select'))).toBe(state);
  });

  it('returns the same state for the same selection', () => {
    const state = stateWith(rect('a'));
    expect(editorReducer(state, selectionChanged(['a']))).toBe(state);
  });
});
