import type { AppThunk } from '../store';
import {
  selectionChanged,
  selectionCopied,
  textEditingStarted,
  shapesAdded,
  shapesDeleted,
  shapesMoved,
  shapesReordered,
  styleApplied,
  viewportChanged,
  type ReorderDirection,
} from './editorActions';
import {
  selectClipboard,
  selectSelectedIds,
  selectSelectedShapes,
  selectShapes,
  selectViewport,
} from './editorSelectors';
import { boundsOfShapes, intersects } from './geometry';
import { cloneShape, type ShapeStyle } from './shapes';
import { fitView, steppedScale, visibleWorld, zoomAt } from './viewport';

/**
 * The user's commands (toolbar buttons, shortcuts, the style panel): each reads what it needs
 * and dispatches one action, so each is one undo step.
 */

/** How far duplicates and cascading pastes land from their originals, in world units. */
export const COPY_OFFSET = 16;

export const deleteSelection = (): AppThunk => (dispatch, getState) => {
  const ids = selectSelectedIds(getState());
  if (ids.length > 0) dispatch(shapesDeleted(ids));
};

export const duplicateSelection = (): AppThunk => (dispatch, getState) => {
  const copies = selectSelectedShapes(getState()).map((shape) => cloneShape(shape, COPY_OFFSET, COPY_OFFSET));
  if (copies.length > 0) dispatch(shapesAdded(copies));
};

export const copySelection = (): AppThunk => (dispatch, getState) => {
  const shapes = selectSelectedShapes(getState());
  if (shapes.length > 0) dispatch(selectionCopied(shapes));
};

export const cutSelection = (): AppThunk => (dispatch) => {
  dispatch(copySelection());
  dispatch(deleteSelection());
};

/**
 * Pastes the copied shapes: next to the originals while they are in view (each paste steps on,
 * like duplicate), otherwise in the middle of the view.
 */
export const pasteClipboard = (): AppThunk => (dispatch, getState) => {
  const clipboard = selectClipboard(getState());
  const bounds = boundsOfShapes(clipboard);
  if (!bounds) return;
  const viewport = selectViewport(getState());
  const visible = visibleWorld(viewport, viewport);
  let dx = COPY_OFFSET;
  let dy = COPY_OFFSET;
  if (!intersects(bounds, visible)) {
    dx = visible.x + visible.width / 2 - (bounds.x + bounds.width / 2);
    dy = visible.y + visible.height / 2 - (bounds.y + bounds.height / 2);
  }
  const copies = clipboard.map((shape) => cloneShape(shape, dx, dy));
  dispatch(shapesAdded(copies));
  dispatch(selectionCopied(copies));
};

export const reorderSelection =
  (direction: ReorderDirection): AppThunk =>
  (dispatch, getState) => {
    const ids = selectSelectedIds(getState());
    if (ids.length > 0) dispatch(shapesReordered(ids, direction));
  };

export const nudgeSelection =
  (dx: number, dy: number): AppThunk =>
  (dispatch, getState) => {
    const ids = selectSelectedIds(getState());
    if (ids.length > 0) dispatch(shapesMoved(ids, dx, dy));
  };

/** Enter on one selected text opens it for editing, as a double-click does. */
export const editSelectedText = (): AppThunk => (dispatch, getState) => {
  const [only, ...others] = selectSelectedShapes(getState());
  if (only?.type === 'text' && others.length === 0) dispatch(textEditingStarted({ id: only.id }));
};

export const selectAll = (): AppThunk => (dispatch, getState) => {
  dispatch(selectionChanged(selectShapes(getState()).map((shape) => shape.id)));
};

/** Applies style fields to the selection (one undo step) and to the shapes drawn next. */
export const applyStyle =
  (style: Partial<ShapeStyle>): AppThunk =>
  (dispatch, getState) => {
    dispatch(styleApplied(selectSelectedIds(getState()), style));
  };

const viewCentre = (viewport: { width: number; height: number }) => ({
  x: viewport.width / 2,
  y: viewport.height / 2,
});

/** One zoom level in or out, about the middle of the view. */
export const zoomStep =
  (direction: 1 | -1): AppThunk =>
  (dispatch, getState) => {
    const viewport = selectViewport(getState());
    dispatch(viewportChanged(zoomAt(viewport, viewCentre(viewport), steppedScale(viewport.scale, direction))));
  };

export const zoomReset = (): AppThunk => (dispatch, getState) => {
  const viewport = selectViewport(getState());
  dispatch(viewportChanged(zoomAt(viewport, viewCentre(viewport), 1)));
};

/** Shows the whole drawing, centred, at 100% or less. */
export const zoomToFit = (): AppThunk => (dispatch, getState) => {
  const state = getState();
  dispatch(viewportChanged(fitView(boundsOfShapes(selectShapes(state)), selectViewport(state))));
};
