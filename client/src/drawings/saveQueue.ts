import { toAppError, type AppError, type Outcome, attempt } from '../api/errors';
import { ProblemError } from '../api/http';
import type { Drawing, DrawingSummary } from '../api/types';
import { DRAWING_LIMITS } from '../contract';
import { documentLoaded, selectDocumentRevision, selectShapes } from '../editor/editorSlice';
import type { Shape } from '../editor/shapes';
import type { AppThunk, RootState, ThunkExtra } from '../store';
import type { Draft } from './drafts';
import {
  conflicted,
  draftAnswered,
  draftFound,
  loaded,
  loadFailed,
  loadStarted,
  rebased,
  saved,
  saveFailed,
  saveRetrying,
  saveStarted,
  selectHasUnsavedChanges,
} from './openDrawingSlice';
import { countChanges, diffShapes, layChangesOver, type ShapeChanges } from './shapeDiff';

/**
 * The save queue: autosave a moment after each change, sending only what changed (PATCH with the
 * version), one save at a time; retries while the network or the server is away; a 409 stops it
 * until the person chooses; a local draft of the unsaved changes at every change.
 */

/** Quiet time after the last change before the drawing is saved. */
export const AUTOSAVE_DELAY_MS = 800;
/** Waits between tries after a failure that passes (network, 5xx), the last one repeating. */
export const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** A change set larger than this goes as one PUT of the whole drawing (the PATCH body limit is 1 MB). */
export const PATCH_BUDGET_BYTES = 1_000_000;

/** The one pending autosave or retry of a store. */
export interface SaveTimer {
  handle: ReturnType<typeof setTimeout> | undefined;
}

function schedule(extra: ThunkExtra, run: () => void, ms: number): void {
  clearTimeout(extra.saveTimer.handle);
  extra.saveTimer.handle = setTimeout(() => {
    extra.saveTimer.handle = undefined;
    run();
  }, ms);
}

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** The draft of what is unsaved now, or null when nothing is. */
function draftOf(state: RootState, savedAt: Date): Draft | null {
  if (!selectHasUnsavedChanges(state)) return null;
  const changes = diffShapes(state.openDrawing.savedShapes, selectShapes(state));
  if (countChanges(changes) === 0) return null;
  return { version: state.openDrawing.version, savedAt: savedAt.toISOString(), ...changes };
}

function recordDraft(state: RootState, extra: ThunkExtra): void {
  const { id } = state.openDrawing;
  if (!id || state.openDrawing.loadStatus !== 'ready' || state.openDrawing.draftOffer) return;
  const draft = draftOf(state, new Date());
  if (draft) extra.drafts.write(id, draft);
  else extra.drafts.remove(id);
}

/** Called after every document change: keeps the draft and (re)starts the autosave countdown. */
export const documentChanged = (): AppThunk => (dispatch, getState, extra) => {
  const state = getState();
  recordDraft(state, extra);
  const { saveStatus } = state.openDrawing;
  // While saving, the save's end starts the next one; while retrying, the retry is already due.
  if ((saveStatus === 'idle' || saveStatus === 'failed') && selectHasUnsavedChanges(state)) {
    schedule(extra, () => void dispatch(saveDrawing()), AUTOSAVE_DELAY_MS);
  }
};

const isRetryable = (error: AppError) =>
  error.kind === 'network' ||
  (error.status !== undefined && (error.status >= 500 || [408, 429].includes(error.status)));

function theirsFrom(error: unknown): Drawing | null {
  if (!(error instanceof ProblemError)) return null;
  if (error.code !== 'version_conflict' && error.code !== 'precondition_failed') return null;
  return (error.problem.extensions.current as Drawing | undefined) ?? null;
}

function sendChanges(extra: ThunkExtra, id: string, version: number, changes: ShapeChanges, shapes: Shape[]) {
  const path = `/api/drawings/${id}`;
  // PATCH answers without shapes (this tab has them); PUT answers with the whole drawing.
  const patch = { version, ...changes };
  if (byteLength(patch) <= PATCH_BUDGET_BYTES)
    return extra.api.request<DrawingSummary>(path, { method: 'PATCH', body: patch });
  return extra.api.request<DrawingSummary>(path, { method: 'PUT', body: { version, shapes } });
}

/**
 * Saves what changed since the last save. Does nothing while a save runs (its end saves again if
 * more changed), while a conflict or a draft waits for the person, or when nothing is unsaved.
 */
export const saveDrawing = (): AppThunk<Promise<void>> => async (dispatch, getState, extra) => {
  clearTimeout(extra.saveTimer.handle);
  const state = getState();
  const { id, version, title, loadStatus, saveStatus, savedShapes, draftOffer } = state.openDrawing;
  if (!id || loadStatus !== 'ready' || draftOffer || saveStatus === 'saving' || saveStatus === 'conflict') return;
  if (!selectHasUnsavedChanges(state)) return;
  const revision = selectDocumentRevision(state);
  const shapes = selectShapes(state);
  const changes = diffShapes(savedShapes, shapes);
  if (countChanges(changes) === 0) {
    dispatch(saved({ id, version, title, revision, shapes }));
    extra.drafts.remove(id);
    return;
  }
  dispatch(saveStarted(id));
  try {
    const drawing = await sendChanges(extra, id, version, changes, shapes);
    dispatch(saved({ id, version: drawing.version, title: drawing.title, revision, shapes }));
  } catch (error) {
    dispatch(saveRefused(id, error));
    return;
  }
  recordDraft(getState(), extra);
  if (getState().openDrawing.id === id && selectHasUnsavedChanges(getState())) {
    schedule(extra, () => void dispatch(saveDrawing()), AUTOSAVE_DELAY_MS);
  }
};

const saveRefused =
  (id: string, error: unknown): AppThunk =>
  (dispatch, getState, extra) => {
    const theirs = theirsFrom(error);
    if (theirs) {
      dispatch(conflicted(theirs));
      return;
    }
    const appError = toAppError(error);
    if (!isRetryable(appError)) {
      dispatch(saveFailed(id, appError));
      return;
    }
    const wait = RETRY_DELAYS_MS[Math.min(getState().openDrawing.retries, RETRY_DELAYS_MS.length - 1)]!;
    dispatch(saveRetrying(id, appError));
    schedule(extra, () => void dispatch(saveDrawing()), appError.retryAfter ? appError.retryAfter * 1000 : wait);
  };

/** The network is back (or the person pressed Retry): try a waiting save now. */
export const retryNow = (): AppThunk<Promise<void>> => async (dispatch, getState) => {
  const { saveStatus } = getState().openDrawing;
  if (saveStatus === 'retrying' || saveStatus === 'failed' || saveStatus === 'idle') await dispatch(saveDrawing());
};

/** Loads a drawing into the editor, then looks for a local draft of it to offer. */
export const openDrawing =
  (id: string): AppThunk<Promise<void>> =>
  async (dispatch, getState, extra) => {
    dispatch(loadStarted(id));
    let drawing: Drawing;
    try {
      drawing = await extra.api.request<Drawing>(`/api/drawings/${id}`);
    } catch (error) {
      dispatch(loadFailed(id, toAppError(error)));
      return;
    }
    if (getState().openDrawing.id !== id) return;
    dispatch(documentLoaded(drawing.shapes));
    dispatch(loaded(drawing, selectShapes(getState())));
    const draft = extra.drafts.read(id);
    if (!draft) return;
    // A draft that adds nothing to what the server has (its save landed after all) goes quietly.
    const restored = layChangesOver(drawing.shapes, draft);
    if (countChanges(diffShapes(drawing.shapes, restored)) === 0) extra.drafts.remove(id);
    else dispatch(draftFound(id, { savedAt: draft.savedAt, changes: countChanges(draft) }));
  };

/** Puts the draft's changes over the drawing as loaded, and saves them. */
export const restoreDraft = (): AppThunk<Promise<void>> => async (dispatch, getState, extra) => {
  const { id, version, savedShapes } = getState().openDrawing;
  const draft = id ? extra.drafts.read(id) : null;
  if (!id) return;
  dispatch(draftAnswered(id, true));
  if (!draft) return;
  dispatch(documentLoaded(layChangesOver(savedShapes, draft)));
  dispatch(rebased(id, version, savedShapes));
  recordDraft(getState(), extra);
  await dispatch(saveDrawing());
};

export const discardDraft = (): AppThunk => (dispatch, getState, extra) => {
  const { id } = getState().openDrawing;
  if (!id) return;
  extra.drafts.remove(id);
  dispatch(draftAnswered(id, false));
};

/** After a conflict: take the server's copy, dropping this tab's unsaved changes. */
export const keepTheirs = (): AppThunk => (dispatch, getState, extra) => {
  const { theirs } = getState().openDrawing;
  if (!theirs) return;
  extra.drafts.remove(theirs.id);
  dispatch(documentLoaded(theirs.shapes));
  dispatch(loaded(theirs, selectShapes(getState())));
};

/** After a conflict: this tab's drawing replaces the server's (sent as changes against theirs). */
export const keepMine = (): AppThunk<Promise<void>> => async (dispatch, getState) => {
  const { theirs } = getState().openDrawing;
  if (!theirs) return;
  dispatch(rebased(theirs.id, theirs.version, theirs.shapes));
  await dispatch(saveDrawing());
};

/** After a conflict: this tab's drawing becomes a new drawing; this one takes the server's copy. */
export const saveMineAsCopy =
  (): AppThunk<Promise<Outcome<Drawing>>> =>
  async (dispatch, getState, { api }) => {
    const state = getState();
    const title = `${state.openDrawing.title} (copy)`.slice(0, DRAWING_LIMITS.titleLength);
    const shapes = selectShapes(state);
    const outcome = await attempt(() =>
      api.request<Drawing>('/api/drawings', { method: 'POST', body: { title, shapes } }),
    );
    if (outcome.ok) dispatch(keepTheirs());
    return outcome;
  };
