import type { TextEditing, Tool, UiAction, Viewport } from './editorActions';
import { DEFAULT_STYLE, type Shape, type ShapeStyle } from './shapes';
import { clampScale } from './viewport';

/** Editor state that is never saved: what the user is doing, not what the drawing holds. */
export interface UiState {
  tool: Tool;
  /** In no particular order; the document decides the z-order. */
  selectedIds: string[];
  viewport: Viewport;
  /** The style new shapes get; the style panel edits it together with the selection. */
  style: ShapeStyle;
  /** Shapes copied within the app, as they were when copied. */
  clipboard: Shape[];
  editingText: TextEditing | null;
  helpOpen: boolean;
  /** A short message for the user, e.g. why a paste was refused. */
  notice: string | null;
}

export const initialUiState: UiState = {
  tool: 'select',
  selectedIds: [],
  viewport: { x: 0, y: 0, scale: 1, width: 960, height: 600 },
  style: DEFAULT_STYLE,
  clipboard: [],
  editingText: null,
  helpOpen: false,
  notice: null,
};

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

function changeViewport(current: Viewport, change: Partial<Viewport>): Viewport {
  const next = { ...current, ...change };
  next.scale = clampScale(next.scale);
  const same = (Object.keys(next) as (keyof Viewport)[]).every((key) => next[key] === current[key]);
  return same ? current : next;
}

/** The UI's own actions. Selection changes caused by document commands are handled a level up. */
export function reduceUi(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'editor/toolSelected':
      if (state.tool === action.payload) return state;
      // Picking a drawing tool drops the selection, as in other editors, so the style panel
      // then edits the new shapes' style rather than the old selection.
      return { ...state, tool: action.payload, selectedIds: action.payload === 'select' ? state.selectedIds : [] };
    case 'editor/selectionChanged':
      return sameIds(state.selectedIds, action.payload) ? state : { ...state, selectedIds: action.payload };
    case 'editor/viewportChanged': {
      const viewport = changeViewport(state.viewport, action.payload);
      return viewport === state.viewport ? state : { ...state, viewport };
    }
    case 'editor/selectionCopied':
      return { ...state, clipboard: action.payload };
    case 'editor/textEditingStarted':
      return { ...state, editingText: action.payload };
    case 'editor/textEditingEnded':
      return state.editingText === null ? state : { ...state, editingText: null };
    case 'editor/helpToggled':
      return state.helpOpen === action.payload ? state : { ...state, helpOpen: action.payload };
    case 'editor/noticeDismissed':
      return state.notice === null ? state : { ...state, notice: null };
    default:
      return state;
  }
}
