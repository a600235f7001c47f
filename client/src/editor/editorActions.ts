import { isActionOf, type ActionFrom } from '../store/action-domain';
import type * as documentActions from './documentActions';
import type * as uiActions from './uiActions';
import type { Point, ShapeType } from './shapes';
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

export * from './documentActions';
export * from './uiActions';

/** A step of undo history: what a creator of documentActions.ts returns. */
export type DocumentAction = ActionFrom<typeof documentActions>;

/** A change of the editor's UI only: what a creator of uiActions.ts returns. */
export type UiAction = ActionFrom<typeof uiActions>;

export type EditorAction = DocumentAction | UiAction;

export const isEditorAction = isActionOf<EditorAction>('editor');
