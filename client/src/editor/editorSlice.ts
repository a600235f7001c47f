import type { UnknownAction } from 'redux';
import { isEditorAction, type DocumentAction, type EditorAction } from './editorActions';
import { reduceShapes } from './documentReducer';
import { changedFields, sortByZ } from './shapeList';
import { LIMITS, type Shape } from './shapes';
import { initialUiState, reduceUi, type UiState } from './uiReducer';

export * from './editorActions';
export type { UiState } from './uiReducer';

/** How many steps undo can go back. Snapshots share unchanged shapes, so a step is cheap. */
export const HISTORY_LIMIT = 200;

export interface EditorState {
  /** What a saved drawing holds: the shapes in z-order (last on top). */
  document: {
    shapes: Shape[];
    /** Counts document changes since the last load; savers compare it to know what is unsaved. */
    revision: number;
  };
  /** Earlier and undone versions of `document.shapes`. */
  history: { past: Shape[][]; future: Shape[][] };
  /** Never saved: tool, selection, viewport, style of new shapes, clipboard, panels. */
  ui: UiState;
}

export const initialEditorState: EditorState = {
  document: { shapes: [], revision: 0 },
  history: { past: [], future: [] },
  ui: initialUiState,
};

const documentActionTypes = new Set<string>([
  'editor/shapesAdded',
  'editor/shapesMoved',
  'editor/shapesTransformed',
  'editor/styleApplied',
  'editor/textEdited',
  'editor/shapesDeleted',
  'editor/shapesReordered',
] satisfies DocumentAction['type'][]);

const isCommand = (action: EditorAction): action is DocumentAction => documentActionTypes.has(action.type);

/** Keeps only selected ids that still name a shape. */
function keepExisting(selectedIds: string[], shapes: Shape[]): string[] {
  if (selectedIds.length === 0) return selectedIds;
  const ids = new Set(shapes.map((shape) => shape.id));
  const kept = selectedIds.filter((id) => ids.has(id));
  return kept.length === selectedIds.length ? selectedIds : kept;
}

function selectionAfter(ui: UiState, action: DocumentAction, shapes: Shape[]): string[] {
  if (action.type === 'editor/shapesAdded' && action.payload.select) {
    const ids = new Set(shapes.map((shape) => shape.id));
    return action.payload.shapes.map((shape) => shape.id).filter((id) => ids.has(id));
  }
  return keepExisting(ui.selectedIds, shapes);
}

function commit(state: EditorState, shapes: Shape[], selectedIds: string[], ui = state.ui): EditorState {
  return {
    document: { shapes, revision: state.document.revision + 1 },
    history: { past: [...state.history.past, state.document.shapes].slice(-HISTORY_LIMIT), future: [] },
    ui: selectedIds === ui.selectedIds ? ui : { ...ui, selectedIds },
  };
}

function applyCommand(state: EditorState, action: DocumentAction): EditorState {
  const { shapes, refusal } = reduceShapes(state.document.shapes, action);
  let ui = state.ui;
  if (refusal) ui = { ...ui, notice: refusal };
  if (action.type === 'editor/styleApplied') ui = { ...ui, style: { ...ui.style, ...action.payload.style } };
  if (shapes === state.document.shapes) return ui === state.ui ? state : { ...state, ui };
  return commit(state, shapes, selectionAfter(ui, action, shapes), ui);
}

/**
 * `target` as the new document. Shapes that differ from what is shown now get a version above
 * both copies, so a later sync sees the undo as the newest change; they become the selection.
 */
function restore(current: Shape[], target: Shape[]): { shapes: Shape[]; changed: string[] } {
  const now = new Map(current.map((shape) => [shape.id, shape]));
  const changed: string[] = [];
  const shapes = target.map((shape) => {
    const shown = now.get(shape.id);
    if (shown === shape) return shape;
    if (shown && !changedFields(shown, shape)) return shown;
    changed.push(shape.id);
    const version = Math.max(shape.version, shown?.version ?? 0) + 1;
    return { ...shape, version: Math.min(version, LIMITS.shapeVersion) };
  });
  return { shapes, changed };
}

function travel(state: EditorState, direction: 'undo' | 'redo'): EditorState {
  const { past, future } = state.history;
  const target = direction === 'undo' ? past.at(-1) : future[0];
  if (!target) return state;
  const current = state.document.shapes;
  const { shapes, changed } = restore(current, target);
  const history =
    direction === 'undo'
      ? { past: past.slice(0, -1), future: [current, ...future] }
      : { past: [...past, current], future: future.slice(1) };
  return {
    document: { shapes, revision: state.document.revision + 1 },
    history,
    ui: { ...state.ui, selectedIds: changed, editingText: null },
  };
}

function loadDocument(state: EditorState, shapes: Shape[]): EditorState {
  return {
    document: { shapes: sortByZ(shapes), revision: 0 },
    history: { past: [], future: [] },
    ui: { ...state.ui, selectedIds: [], editingText: null, notice: null },
  };
}

export default function editorReducer(state: EditorState = initialEditorState, action: UnknownAction): EditorState {
  if (!isEditorAction(action)) return state;
  if (action.type === 'editor/documentLoaded') return loadDocument(state, action.payload);
  if (action.type === 'editor/historyUndone') return travel(state, 'undo');
  if (action.type === 'editor/historyRedone') return travel(state, 'redo');
  if (isCommand(action)) return applyCommand(state, action);
  const ui = reduceUi(state.ui, action);
  return ui === state.ui ? state : { ...state, ui };
}

export * from './editorSelectors';
