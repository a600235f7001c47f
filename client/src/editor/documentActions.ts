import type { Shape, ShapeStyle } from './shapes';
import type { ReorderDirection, ShapeTransform } from './editorActions';

// The document's actions: each is one step of undo history. This module holds their creators and
// nothing else, since `DocumentAction` is what they return (editorActions.ts).

/** Replaces the document with a drawing's shapes (opening a drawing): history and selection are cleared. */
export const documentLoaded = (shapes: Shape[]) => ({ type: 'editor/documentLoaded' as const, payload: shapes });

/** New shapes on top, in one undo step; `select` makes them the selection. */
export const shapesAdded = (shapes: Shape[], select = true) => ({
  type: 'editor/shapesAdded' as const,
  payload: { shapes, select },
});

export const shapesMoved = (ids: string[], dx: number, dy: number) => ({
  type: 'editor/shapesMoved' as const,
  payload: { ids, dx, dy },
});

/** What a Transformer gesture left on each node, baked into the shapes at `transformend`. */
export const shapesTransformed = (transforms: ShapeTransform[]) => ({
  type: 'editor/shapesTransformed' as const,
  payload: transforms,
});

/** Sets style fields on the shapes `ids` (if any) and makes them the style of new shapes. */
export const styleApplied = (ids: string[], style: Partial<ShapeStyle>) => ({
  type: 'editor/styleApplied' as const,
  payload: { ids, style },
});

/** New text for a text shape, with its measured box; empty text deletes the shape. */
export const textEdited = (id: string, text: string, size: { width: number; height: number }) => ({
  type: 'editor/textEdited' as const,
  payload: { id, text, ...size },
});

export const shapesDeleted = (ids: string[]) => ({ type: 'editor/shapesDeleted' as const, payload: ids });

export const shapesReordered = (ids: string[], direction: ReorderDirection) => ({
  type: 'editor/shapesReordered' as const,
  payload: { ids, direction },
});

export const historyUndone = () => ({ type: 'editor/historyUndone' as const });
export const historyRedone = () => ({ type: 'editor/historyRedone' as const });
