import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import {
  applyStyle,
  COPY_OFFSET,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  nudgeSelection,
  pasteClipboard,
  reorderSelection,
  selectAll,
  zoomReset,
  zoomStep,
  zoomToFit,
} from './commands';
import {
  historyUndone,
  selectionChanged,
  selectSelectedIds,
  selectShapes,
  selectStyle,
  selectViewport,
  shapesAdded,
  viewportChanged,
} from './editorSlice';
import { createShape, type Shape, type ShapeOf } from './shapes';

function storeWith(shapes: Shape[], selected: string[] = []) {
  const store = createAppStore({ fetch: async () => new Response('{}') });
  store.dispatch(shapesAdded(shapes));
  store.dispatch(selectionChanged(selected));
  return store;
}

const rect = (id: string, extra: Partial<ShapeOf<'rect'>> = {}) => createShape('rect', { id, ...extra });
const order = (store: ReturnType<typeof storeWith>) => selectShapes(store.getState()).map((shape) => shape.id);

describe('editor commands', () => {
  it('deletes the selection in one undoable step', () => {
    const store = storeWith([rect('a'), rect('b'), rect('c')], ['a', 'c']);
    store.dispatch(deleteSelection());
    expect(order(store)).toEqual(['b']);
    store.dispatch(historyUndone());
    expect(order(store)).toEqual(['a', 'b', 'c']);
  });

  it('duplicates the selection with new ids, offset, on top, and selects the copies', () => {
    const store = storeWith([rect('a', { x: 10, y: 20 }), rect('b')], ['a']);
    store.dispatch(duplicateSelection());
    const shapes = selectShapes(store.getState());
    const copy = shapes.at(-1)!;
    expect(shapes).toHaveLength(3);
    expect(copy).toMatchObject({ type: 'rect', x: 10 + COPY_OFFSET, y: 20 + COPY_OFFSET, version: 1, z: 2 });
    expect(copy.id).not.toBe('a');
    expect(selectSelectedIds(store.getState())).toEqual([copy.id]);
  });

  it('copies and pastes next to the originals while they are in view, stepping on each paste', () => {
    const store = storeWith([rect('a', { x: 100, y: 100 })], ['a']);
    store.dispatch(copySelection());
    store.dispatch(pasteClipboard());
    store.dispatch(pasteClipboard());
    const xs = selectShapes(store.getState()).map((shape) => shape.x);
    expect(xs).toEqual([100, 100 + COPY_OFFSET, 100 + 2 * COPY_OFFSET]);
  });

  it('pastes into the middle of the view when the originals are out of sight', () => {
    const store = storeWith([rect('a', { x: 5000, y: 5000, width: 100, height: 50 })], ['a']);
    store.dispatch(viewportChanged({ x: 0, y: 0, scale: 1, width: 800, height: 600 }));
    store.dispatch(copySelection());
    store.dispatch(pasteClipboard());
    const pasted = selectShapes(store.getState()).at(-1) as ShapeOf<'rect'>;
    expect(pasted.x + pasted.width / 2).toBeCloseTo(400, 0);
    expect(pasted.y + pasted.height / 2).toBeCloseTo(300, 0);
  });

  it('cuts: copies then deletes', () => {
    const store = storeWith([rect('a'), rect('b')], ['a']);
    store.dispatch(cutSelection());
    expect(order(store)).toEqual(['b']);
    store.dispatch(pasteClipboard());
    expect(selectShapes(store.getState())).toHaveLength(2);
  });

  it('changes the z-order one step or all the way, renumbering z', () => {
    const store = storeWith([rect('a'), rect('b'), rect('c')], ['a']);
    store.dispatch(reorderSelection('forward'));
    expect(order(store)).toEqual(['b', 'a', 'c']);
    store.dispatch(reorderSelection('front'));
    expect(order(store)).toEqual(['b', 'c', 'a']);
    store.dispatch(reorderSelection('backward'));
    expect(order(store)).toEqual(['b', 'a', 'c']);
    store.dispatch(reorderSelection('back'));
    expect(order(store)).toEqual(['a', 'b', 'c']);
    expect(selectShapes(store.getState()).map((shape) => shape.z)).toEqual([0, 1, 2]);
  });

  it('leaves the order alone when the selection is already there', () => {
    const store = storeWith([rect('a'), rect('b')], ['b']);
    const before = store.getState();
    store.dispatch(reorderSelection('front'));
    store.dispatch(reorderSelection('forward'));
    expect(store.getState().editor.document).toBe(before.editor.document);
  });

  it('nudges and selects all', () => {
    const store = storeWith([rect('a', { x: 1 }), rect('b', { x: 2 })], []);
    store.dispatch(selectAll());
    store.dispatch(nudgeSelection(10, 0));
    expect(selectShapes(store.getState()).map((shape) => shape.x)).toEqual([11, 12]);
  });

  it('applies style to the selection and remembers it for new shapes', () => {
    const text = createShape('text', { id: 't', text: 'hi', fontSize: 20, width: 20, height: 25 });
    const store = storeWith([rect('a'), text], ['a', 't']);
    store.dispatch(applyStyle({ stroke: '#e03131', fontSize: 40 }));
    const [a, t] = selectShapes(store.getState());
    expect(a).toMatchObject({ stroke: '#e03131', version: 2 });
    expect(a).not.toHaveProperty('fontSize');
    expect(t).toMatchObject({ stroke: '#e03131', fontSize: 40, width: 40, height: 50 });
    expect(selectStyle(store.getState())).toMatchObject({ stroke: '#e03131', fontSize: 40 });
  });

  it('zooms in steps about the middle of the view, resets, and fits the drawing', () => {
    const store = storeWith([rect('a', { x: 1000, y: 1000, width: 400, height: 200 })]);
    store.dispatch(viewportChanged({ x: 0, y: 0, scale: 1, width: 800, height: 600 }));
    store.dispatch(zoomStep(1));
    expect(selectViewport(store.getState())).toMatchObject({ scale: 1.25, x: -100, y: -75 });
    store.dispatch(zoomStep(-1));
    store.dispatch(zoomStep(-1));
    expect(selectViewport(store.getState()).scale).toBe(0.8);
    store.dispatch(zoomReset());
    expect(selectViewport(store.getState()).scale).toBe(1);
    store.dispatch(zoomToFit());
    const view = selectViewport(store.getState());
    // The rect's centre (1200, 1100) lands in the middle of the view.
    expect(1200 * view.scale + view.x).toBeCloseTo(400);
    expect(1100 * view.scale + view.y).toBeCloseTo(300);
  });

  it('does nothing without a selection', () => {
    const store = storeWith([rect('a')], []);
    const before = store.getState();
    for (const command of [deleteSelection(), duplicateSelection(), copySelection(), nudgeSelection(1, 1)]) {
      store.dispatch(command);
    }
    store.dispatch(reorderSelection('front'));
    expect(store.getState().editor.document).toBe(before.editor.document);
  });
});
