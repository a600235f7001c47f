import type { UnknownAction } from 'redux';
import { toAppError, type AppError } from '../api/errors';
import { ProblemError } from '../api/http';
import type { Drawing } from '../api/types';
import { documentLoaded, selectDocumentRevision, selectShapes } from '../editor/editorSlice';
import type { AppThunk, RootState } from '../store';

/**
 * The drawing open in the editor: which one, at which server version, and how its saving goes.
 * The shapes themselves live in the editor slice; `savedRevision` is the editor's document
 * revision that the server last accepted, so "unsaved" is `revision > savedRevision`.
 */
export interface OpenDrawingState {
  id: string | null;
  title: string;
  version: number;
  loadStatus: 'idle' | 'loading' | 'ready' | 'failed';
  loadError: AppError | null;
  saveStatus: 'idle' | 'saving' | 'failed' | 'conflict';
  savedRevision: number;
  saveError: AppError | null;
  /** The server's copy after a 409: another tab or device saved first. */
  theirs: Drawing | null;
}

export const initialOpenDrawingState: OpenDrawingState = {
  id: null,
  title: '',
  version: 0,
  loadStatus: 'idle',
  loadError: null,
  saveStatus: 'idle',
  savedRevision: 0,
  saveError: null,
  theirs: null,
};

/** What the editor page shows next to the title. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict';

type LoadStartedAction = { type: 'openDrawing/loadStarted'; payload: string };
type LoadedAction = { type: 'openDrawing/loaded'; payload: Drawing };
type LoadFailedAction = { type: 'openDrawing/loadFailed'; payload: { id: string; error: AppError } };
type SaveStartedAction = { type: 'openDrawing/saveStarted'; payload: { id: string } };
type SavedAction = { type: 'openDrawing/saved'; payload: { id: string; version: number; revision: number } };
type SaveFailedAction = { type: 'openDrawing/saveFailed'; payload: { id: string; error: AppError } };
type ConflictedAction = { type: 'openDrawing/conflicted'; payload: Drawing };
type OverwriteChosenAction = { type: 'openDrawing/overwriteChosen'; payload: { id: string; version: number } };
type ClosedAction = { type: 'openDrawing/closed' };

export type OpenDrawingAction =
  | LoadStartedAction
  | LoadedAction
  | LoadFailedAction
  | SaveStartedAction
  | SavedAction
  | SaveFailedAction
  | ConflictedAction
  | OverwriteChosenAction
  | ClosedAction;

const openDrawingActionTypes: Record<OpenDrawingAction['type'], true> = {
  'openDrawing/loadStarted': true,
  'openDrawing/loaded': true,
  'openDrawing/loadFailed': true,
  'openDrawing/saveStarted': true,
  'openDrawing/saved': true,
  'openDrawing/saveFailed': true,
  'openDrawing/conflicted': true,
  'openDrawing/overwriteChosen': true,
  'openDrawing/closed': true,
};

function isOpenDrawingAction(action: UnknownAction): action is OpenDrawingAction {
  return Object.hasOwn(openDrawingActionTypes, action.type);
}

// Action creators

export const loadStarted = (id: string): LoadStartedAction => ({ type: 'openDrawing/loadStarted', payload: id });
export const loaded = (drawing: Drawing): LoadedAction => ({ type: 'openDrawing/loaded', payload: drawing });
export const loadFailed = (id: string, error: AppError): LoadFailedAction => ({
  type: 'openDrawing/loadFailed',
  payload: { id, error },
});
export const saveStarted = (id: string): SaveStartedAction => ({ type: 'openDrawing/saveStarted', payload: { id } });
export const saved = (id: string, version: number, revision: number): SavedAction => ({
  type: 'openDrawing/saved',
  payload: { id, version, revision },
});
export const saveFailed = (id: string, error: AppError): SaveFailedAction => ({
  type: 'openDrawing/saveFailed',
  payload: { id, error },
});
export const conflicted = (theirs: Drawing): ConflictedAction => ({ type: 'openDrawing/conflicted', payload: theirs });
export const overwriteChosen = (id: string, version: number): OverwriteChosenAction => ({
  type: 'openDrawing/overwriteChosen',
  payload: { id, version },
});
export const closed = (): ClosedAction => ({ type: 'openDrawing/closed' });

// Reducer

function reduceSaving(state: OpenDrawingState, action: OpenDrawingAction): OpenDrawingState {
  switch (action.type) {
    case 'openDrawing/saveStarted':
      return { ...state, saveStatus: 'saving', saveError: null };
    case 'openDrawing/saved':
      return { ...state, saveStatus: 'idle', version: action.payload.version, savedRevision: action.payload.revision };
    case 'openDrawing/saveFailed':
      return { ...state, saveStatus: 'failed', saveError: action.payload.error };
    case 'openDrawing/conflicted':
      return { ...state, saveStatus: 'conflict', theirs: action.payload };
    case 'openDrawing/overwriteChosen':
      return { ...state, saveStatus: 'idle', version: action.payload.version, theirs: null };
    default:
      return state;
  }
}

/** The id an action is about; actions for a drawing that is no longer open are dropped. */
function targetOf(action: OpenDrawingAction): string | undefined {
  if (action.type === 'openDrawing/loaded' || action.type === 'openDrawing/conflicted') return action.payload.id;
  if (action.type === 'openDrawing/loadStarted') return action.payload;
  if (action.type === 'openDrawing/closed') return undefined;
  return action.payload.id;
}

export default function openDrawingReducer(
  state: OpenDrawingState = initialOpenDrawingState,
  action: UnknownAction,
): OpenDrawingState {
  if (action.type === 'auth/signedOut') return initialOpenDrawingState;
  if (!isOpenDrawingAction(action)) return state;
  if (action.type === 'openDrawing/closed') return initialOpenDrawingState;
  if (action.type === 'openDrawing/loadStarted') {
    return { ...initialOpenDrawingState, id: action.payload, loadStatus: 'loading' };
  }
  if (targetOf(action) !== state.id) return state;
  switch (action.type) {
    case 'openDrawing/loaded': {
      const { title, version } = action.payload;
      return { ...state, title, version, loadStatus: 'ready', saveStatus: 'idle', savedRevision: 0, theirs: null };
    }
    case 'openDrawing/loadFailed':
      return { ...state, loadStatus: 'failed', loadError: action.payload.error };
    default:
      return reduceSaving(state, action);
  }
}

// Thunks

/** Loads a drawing and hands its shapes to the editor. */
export const openDrawing =
  (id: string): AppThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    dispatch(loadStarted(id));
    let drawing: Drawing;
    try {
      drawing = await api.request<Drawing>(`/api/drawings/${id}`);
    } catch (error) {
      dispatch(loadFailed(id, toAppError(error)));
      return;
    }
    dispatch(documentLoaded(drawing.shapes));
    dispatch(loaded(drawing));
  };

function theirsFrom(error: unknown): Drawing | null {
  if (!(error instanceof ProblemError) || error.code !== 'version_conflict') return null;
  return (error.problem.extensions.current as Drawing | undefined) ?? null;
}

/**
 * Saves the editor's document at the version it was loaded or last saved at. Does nothing while
 * a save is running (the page saves again when it ends) or a conflict waits for the user.
 */
export const saveDrawing =
  (): AppThunk<Promise<void>> =>
  async (dispatch, getState, { api }) => {
    const state = getState();
    const { id, version, loadStatus, saveStatus, savedRevision } = state.openDrawing;
    const revision = selectDocumentRevision(state);
    if (!id || loadStatus !== 'ready' || saveStatus === 'saving' || saveStatus === 'conflict') return;
    if (revision === savedRevision) return;
    dispatch(saveStarted(id));
    try {
      const body = { shapes: selectShapes(state), version };
      const result = await api.request<Drawing>(`/api/drawings/${id}`, { method: 'PUT', body });
      dispatch(saved(id, result.version, revision));
    } catch (error) {
      const theirs = theirsFrom(error);
      dispatch(theirs ? conflicted(theirs) : saveFailed(id, toAppError(error)));
    }
  };

/** After a conflict: keep the copy from the server, dropping this tab's unsaved changes. */
export const keepTheirs = (): AppThunk => (dispatch, getState) => {
  const { theirs } = getState().openDrawing;
  if (!theirs) return;
  dispatch(documentLoaded(theirs.shapes));
  dispatch(loaded(theirs));
};

/** After a conflict: save this tab's drawing over the server's copy. */
export const keepMine = (): AppThunk<Promise<void>> => async (dispatch, getState) => {
  const { theirs } = getState().openDrawing;
  if (!theirs) return;
  dispatch(overwriteChosen(theirs.id, theirs.version));
  await dispatch(saveDrawing());
};

// Selectors

export const selectOpenDrawingId = (state: RootState): string | null => state.openDrawing.id;
export const selectOpenDrawingTitle = (state: RootState): string => state.openDrawing.title;
export const selectOpenDrawingLoadStatus = (state: RootState) => state.openDrawing.loadStatus;
export const selectOpenDrawingLoadError = (state: RootState): AppError | null => state.openDrawing.loadError;
export const selectSaveError = (state: RootState): AppError | null => state.openDrawing.saveError;

export const selectHasUnsavedChanges = (state: RootState): boolean =>
  state.openDrawing.loadStatus === 'ready' && selectDocumentRevision(state) !== state.openDrawing.savedRevision;

export function selectSaveState(state: RootState): SaveState {
  const { saveStatus } = state.openDrawing;
  if (saveStatus === 'saving' || saveStatus === 'failed' || saveStatus === 'conflict') return saveStatus;
  return selectHasUnsavedChanges(state) ? 'unsaved' : 'saved';
}
