import type { UnknownAction } from 'redux';
import type { AppError } from '../api/errors';
import type { Drawing } from '../api/types';
import { selectDocumentRevision } from '../editor/editorSlice';
import type { Shape } from '../editor/shapes';
import type { RootState } from '../store';
import { isActionOf } from '../store/action-domain';
import { resetOnSignOut } from '../store/slice-reducer';

/**
 * The drawing open in the editor: which one, at which server version, and how its saving goes.
 * The shapes themselves live in the editor slice; `savedShapes` are the server's shapes at
 * `version` (what a partial save is computed against), and `savedRevision` is the editor's
 * document revision they match, so "unsaved" is `revision !== savedRevision`.
 */
export interface OpenDrawingState {
  id: string | null;
  title: string;
  version: number;
  loadStatus: 'idle' | 'loading' | 'ready' | 'failed';
  loadError: AppError | null;
  /** `retrying`: the last save failed in a way that passes (network, 5xx) and will be tried again. */
  saveStatus: 'idle' | 'saving' | 'retrying' | 'failed' | 'conflict';
  savedRevision: number;
  savedShapes: Shape[];
  saveError: AppError | null;
  /** Failed tries in a row, for the back-off. */
  retries: number;
  /** The server's copy after a 409: another tab or device saved first. */
  theirs: Drawing | null;
  /** A local draft found at load, waiting for the person to restore or discard it. */
  draftOffer: DraftOffer | null;
}

export interface DraftOffer {
  savedAt: string;
  changes: number;
}

export const initialOpenDrawingState: OpenDrawingState = {
  id: null,
  title: '',
  version: 0,
  loadStatus: 'idle',
  loadError: null,
  saveStatus: 'idle',
  savedRevision: 0,
  savedShapes: [],
  saveError: null,
  retries: 0,
  theirs: null,
  draftOffer: null,
};

/** What the editor page shows next to the title. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'retrying' | 'failed' | 'conflict';

/** Marks the document as differing from `savedShapes` whatever its revision (restored or kept over theirs). */
const FORCE_UNSAVED = -1;

type Id = { id: string };
/** The server took the document as it was at `revision`; `shapes` is what it now holds. */
export interface SavedPayload extends Id {
  version: number;
  title: string;
  revision: number;
  shapes: Shape[];
}
export type OpenDrawingAction =
  | { type: 'openDrawing/loadStarted'; payload: Id }
  | { type: 'openDrawing/loaded'; payload: Id & { drawing: Drawing; shapes: Shape[] } }
  | { type: 'openDrawing/loadFailed'; payload: Id & { error: AppError } }
  | { type: 'openDrawing/saveStarted'; payload: Id }
  | { type: 'openDrawing/saved'; payload: SavedPayload }
  | { type: 'openDrawing/saveRetrying'; payload: Id & { error: AppError } }
  | { type: 'openDrawing/saveFailed'; payload: Id & { error: AppError } }
  | { type: 'openDrawing/conflicted'; payload: Id & { theirs: Drawing } }
  | { type: 'openDrawing/rebased'; payload: Id & { version: number; shapes: Shape[] } }
  | { type: 'openDrawing/draftFound'; payload: Id & { offer: DraftOffer } }
  | { type: 'openDrawing/draftAnswered'; payload: Id & { restored: boolean } }
  | { type: 'openDrawing/closed'; payload: Id | null };

const isOpenDrawingAction = isActionOf<OpenDrawingAction>('openDrawing');

// Action creators

export const loadStarted = (id: string) => ({ type: 'openDrawing/loadStarted', payload: { id } }) as const;
export const loaded = (drawing: Drawing, shapes: Shape[]) =>
  ({ type: 'openDrawing/loaded', payload: { id: drawing.id, drawing, shapes } }) as const;
export const loadFailed = (id: string, error: AppError) =>
  ({ type: 'openDrawing/loadFailed', payload: { id, error } }) as const;
export const saveStarted = (id: string) => ({ type: 'openDrawing/saveStarted', payload: { id } }) as const;
export const saved = (payload: SavedPayload) => ({ type: 'openDrawing/saved', payload }) as const;
export const saveRetrying = (id: string, error: AppError) =>
  ({ type: 'openDrawing/saveRetrying', payload: { id, error } }) as const;
export const saveFailed = (id: string, error: AppError) =>
  ({ type: 'openDrawing/saveFailed', payload: { id, error } }) as const;
export const conflicted = (theirs: Drawing) =>
  ({ type: 'openDrawing/conflicted', payload: { id: theirs.id, theirs } }) as const;
/** Keep the document, but count it unsaved against the server's `shapes` at `version`. */
export const rebased = (id: string, version: number, shapes: Shape[]) =>
  ({ type: 'openDrawing/rebased', payload: { id, version, shapes } }) as const;
export const draftFound = (id: string, offer: DraftOffer) =>
  ({ type: 'openDrawing/draftFound', payload: { id, offer } }) as const;
export const draftAnswered = (id: string, restored: boolean) =>
  ({ type: 'openDrawing/draftAnswered', payload: { id, restored } }) as const;
export const closed = (id: string | null = null) =>
  ({ type: 'openDrawing/closed', payload: id ? { id } : null }) as const;

// Reducer

function reduceSaving(state: OpenDrawingState, action: OpenDrawingAction): OpenDrawingState {
  switch (action.type) {
    case 'openDrawing/saveStarted':
      return { ...state, saveStatus: 'saving' };
    case 'openDrawing/saved': {
      const { version, title, revision, shapes } = action.payload;
      const done = { saveStatus: 'idle', saveError: null, retries: 0 } as const;
      return { ...state, ...done, version, title, savedRevision: revision, savedShapes: shapes };
    }
    case 'openDrawing/saveRetrying':
      return { ...state, saveStatus: 'retrying', saveError: action.payload.error, retries: state.retries + 1 };
    case 'openDrawing/saveFailed':
      return { ...state, saveStatus: 'failed', saveError: action.payload.error };
    case 'openDrawing/conflicted':
      return { ...state, saveStatus: 'conflict', saveError: null, retries: 0, theirs: action.payload.theirs };
    case 'openDrawing/rebased': {
      const { version, shapes } = action.payload;
      const rebase = { saveStatus: 'idle', theirs: null, savedRevision: FORCE_UNSAVED } as const;
      return { ...state, ...rebase, version, savedShapes: shapes };
    }
    case 'openDrawing/draftFound':
      return { ...state, draftOffer: action.payload.offer };
    case 'openDrawing/draftAnswered':
      return { ...state, draftOffer: null };
    default:
      return state;
  }
}

function reduceOpenDrawing(state: OpenDrawingState, action: UnknownAction): OpenDrawingState {
  if (!isOpenDrawingAction(action)) return state;
  if (action.type === 'openDrawing/closed') {
    return action.payload && action.payload.id !== state.id ? state : initialOpenDrawingState;
  }
  if (action.type === 'openDrawing/loadStarted') {
    return { ...initialOpenDrawingState, id: action.payload.id, loadStatus: 'loading' };
  }
  // Answers for a drawing that is no longer open are dropped.
  if (action.payload.id !== state.id) return state;
  switch (action.type) {
    case 'openDrawing/loaded': {
      const { drawing, shapes } = action.payload;
      const { title, version } = drawing;
      return { ...initialOpenDrawingState, id: state.id, title, version, loadStatus: 'ready', savedShapes: shapes };
    }
    case 'openDrawing/loadFailed':
      return { ...state, loadStatus: 'failed', loadError: action.payload.error };
    default:
      return reduceSaving(state, action);
  }
}

export default resetOnSignOut(initialOpenDrawingState, reduceOpenDrawing);

// Selectors

export const selectOpenDrawingId = (state: RootState): string | null => state.openDrawing.id;
export const selectOpenDrawingTitle = (state: RootState): string => state.openDrawing.title;
export const selectOpenDrawingLoadStatus = (state: RootState) => state.openDrawing.loadStatus;
export const selectOpenDrawingLoadError = (state: RootState): AppError | null => state.openDrawing.loadError;
export const selectSaveError = (state: RootState): AppError | null => state.openDrawing.saveError;
export const selectTheirs = (state: RootState): Drawing | null => state.openDrawing.theirs;
export const selectDraftOffer = (state: RootState): DraftOffer | null => state.openDrawing.draftOffer;

export const selectHasUnsavedChanges = (state: RootState): boolean =>
  state.openDrawing.loadStatus === 'ready' && selectDocumentRevision(state) !== state.openDrawing.savedRevision;

export function selectSaveState(state: RootState): SaveState {
  const { saveStatus, saveError } = state.openDrawing;
  if (saveStatus === 'retrying') return saveError?.kind === 'network' ? 'offline' : 'retrying';
  if (saveStatus !== 'idle') return saveStatus;
  return selectHasUnsavedChanges(state) ? 'unsaved' : 'saved';
}
