import type { RootState } from '../store';
import type { TextEditing, Tool, Viewport } from './editorActions';
import type { Shape, ShapeStyle } from './shapes';

/** Remembers the last result for the last inputs (by reference), so components re-render only on change. */
function memoizeLast<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A) => {
    if (lastArgs && args.every((arg, i) => arg === lastArgs![i])) return lastResult;
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  };
}

/** The document's shapes in z-order (last on top). */
export const selectShapes = (state: RootState): Shape[] => state.editor.document.shapes;

/** Changes to the document since it was loaded; unchanged while only the UI state moves. */
export const selectDocumentRevision = (state: RootState): number => state.editor.document.revision;

export const selectTool = (state: RootState): Tool => state.editor.ui.tool;
export const selectSelectedIds = (state: RootState): string[] => state.editor.ui.selectedIds;
export const selectViewport = (state: RootState): Viewport => state.editor.ui.viewport;
export const selectStyle = (state: RootState): ShapeStyle => state.editor.ui.style;
export const selectClipboard = (state: RootState): Shape[] => state.editor.ui.clipboard;
export const selectEditingText = (state: RootState): TextEditing | null => state.editor.ui.editingText;
export const selectHelpOpen = (state: RootState): boolean => state.editor.ui.helpOpen;
export const selectNotice = (state: RootState): string | null => state.editor.ui.notice;
export const selectCanUndo = (state: RootState): boolean => state.editor.history.past.length > 0;
export const selectCanRedo = (state: RootState): boolean => state.editor.history.future.length > 0;

export const selectShapeById = (state: RootState, id: string): Shape | undefined =>
  state.editor.document.shapes.find((shape) => shape.id === id);

const selectedShapesOf = memoizeLast((shapes: Shape[], ids: string[]): Shape[] => {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return shapes.filter((shape) => wanted.has(shape.id));
});

/** The selected shapes, in z-order. */
export const selectSelectedShapes = (state: RootState): Shape[] =>
  selectedShapesOf(state.editor.document.shapes, state.editor.ui.selectedIds);
