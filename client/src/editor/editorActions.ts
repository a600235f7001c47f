import { isActionOf } from '../store/action-domain';
import type { Point, Shape, ShapeStyle, ShapeType } from './shapes';
import type { NodeTransform } from './transform';

export type Tool = 'select' | ShapeType;
export type ReorderDirection = 'forward' | 'backward' | 'front' | 'back';

/** The stage's transform (screen = world * scale + x/y) and its size in CSS pixels. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
}

/** Text being typed: a new text at `at` (world), or the existing text shape `id`. */
export type TextEditing = { id: null; at: Point } | { id: string };

export type ShapeTransform = NodeTransform & { id: string };

// Document actions: each is one step of undo history.
type DocumentLoaded = { type: 'editor/documentLoaded'; payload: Shape[] };
type ShapesAdded = { type: 'editor/shapesAdded'; payload: { shapes: Shape[]; select: boolean } };
type ShapesMoved = { type: 'editor/shapesMoved'; payload: { ids: string[]; dx: number; dy: number } };
type ShapesTransformed = { type: 'editor/shapesTransformed'; payload: ShapeTransform[] };
type StyleApplied = { type: 'editor/styleApplied'; payload: { ids: string[]; style: Partial<ShapeStyle> } };
type TextEdited = { type: 'editor/textEdited'; payload: { id: string; text: string; width: number; height: number } };
type ShapesDeleted = { type: 'editor/shapesDeleted'; payload: string[] };
type ShapesReordered = { type: 'editor/shapesReordered'; payload: { ids: string[]; direction: ReorderDirection } };
type HistoryUndone = { type: 'editor/historyUndone' };
type HistoryRedone = { type: 'editor/historyRedone' };

// UI actions: never in history, never change the revision.
type ToolSelected = { type: 'editor/toolSelected'; payload: Tool };
type SelectionChanged = { type: 'editor/selectionChanged'; payload: string[] };
type ViewportChanged = { type: 'editor/viewportChanged'; payload: Partial<Viewport> };
type SelectionCopied = { type: 'editor/selectionCopied'; payload: Shape[] };
type TextEditingStarted = { type: 'editor/textEditingStarted'; payload: TextEditing };
type TextEditingEnded = { type: 'editor/textEditingEnded' };
type HelpToggled = { type: 'editor/helpToggled'; payload: boolean };
type NoticeDismissed = { type: 'editor/noticeDismissed' };

export type DocumentAction =
  | DocumentLoaded
  | ShapesAdded
  | ShapesMoved
  | ShapesTransformed
  | StyleApplied
  | TextEdited
  | ShapesDeleted
  | ShapesReordered
  | HistoryUndone
  | HistoryRedone;

export type UiAction =
  | ToolSelected
  | SelectionChanged
  | ViewportChanged
  | SelectionCopied
  | TextEditingStarted
  | TextEditingEnded
  | HelpToggled
  | NoticeDismissed;

export type EditorAction = DocumentAction | UiAction;

export const isEditorAction = isActionOf<EditorAction>('editor');

// Action creators

/** Replaces the document with a drawing's shapes (opening a drawing): history and selection are cleared. */
export const documentLoaded = (shapes: Shape[]): DocumentLoaded => ({ type: 'editor/documentLoaded', payload: shapes });

/** New shapes on top, in one undo step; `select` makes them the selection. */
export const shapesAdded = (shapes: Shape[], select = true): ShapesAdded => ({
  type: 'editor/shapesAdded',
  payload: { shapes, select },
});

export const shapesMoved = (ids: string[], dx: number, dy: number): ShapesMoved => ({
  type: 'editor/shapesMoved',
  payload: { ids, dx, dy },
});

/** What a Transformer gesture left on each node, baked into the shapes at `transformend`. */
export const shapesTransformed = (transforms: ShapeTransform[]): ShapesTransformed => ({
  type: 'editor/shapesTransformed',
  payload: transforms,
});

/** Sets style fields on the shapes `ids` (if any) and makes them the style of new shapes. */
export const styleApplied = (ids: string[], style: Partial<ShapeStyle>): StyleApplied => ({
  type: 'editor/styleApplied',
  payload: { ids, style },
});

/** New text for a text shape, with its measured box; empty text deletes the shape. */
export const textEdited = (id: string, text: string, size: { width: number; height: number }): TextEdited => ({
  type: 'editor/textEdited',
  payload: { id, text, ...size },
});

export const shapesDeleted = (ids: string[]): ShapesDeleted => ({ type: 'editor/shapesDeleted', payload: ids });

export const shapesReordered = (ids: string[], direction: ReorderDirection): ShapesReordered => ({
  type: 'editor/shapesReordered',
  payload: { ids, direction },
});

export const historyUndone = (): HistoryUndone => ({ type: 'editor/historyUndone' });
export const historyRedone = (): HistoryRedone => ({ type: 'editor/historyRedone' });

export const toolSelected = (tool: Tool): ToolSelected => ({ type: 'editor/toolSelected', payload: tool });

export const selectionChanged = (ids: string[]): SelectionChanged => ({
  type: 'editor/selectionChanged',
  payload: ids,
});

/** Pan, zoom or resize; dispatched when a gesture ends, not on every frame of it. */
export const viewportChanged = (viewport: Partial<Viewport>): ViewportChanged => ({
  type: 'editor/viewportChanged',
  payload: viewport,
});

export const selectionCopied = (shapes: Shape[]): SelectionCopied => ({
  type: 'editor/selectionCopied',
  payload: shapes,
});

export const textEditingStarted = (editing: TextEditing): TextEditingStarted => ({
  type: 'editor/textEditingStarted',
  payload: editing,
});

export const textEditingEnded = (): TextEditingEnded => ({ type: 'editor/textEditingEnded' });

export const helpToggled = (open: boolean): HelpToggled => ({ type: 'editor/helpToggled', payload: open });

export const noticeDismissed = (): NoticeDismissed => ({ type: 'editor/noticeDismissed' });
