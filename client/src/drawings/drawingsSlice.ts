import { attempt, type AppError, type Outcome } from '../api/errors';
import { ProblemError } from '../api/http';
import type { Drawing, DrawingSummary, Page } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { deleteItem } from '../store/delete-item';
import { pagedList, type PageAction, type PagedList } from '../store/paged-list';
import { sliceReducer } from '../store/slice-reducer';

/** The signed-in user's drawings, most recently updated first, one page after another. */
export type DrawingsState = PagedList<DrawingSummary>;

export const initialDrawingsState: DrawingsState = pagedList.empty();

export const DRAWINGS_PAGE_SIZE = 20;
export const UNTITLED = 'Untitled drawing';

type DrawingCreatedAction = { type: 'drawings/drawingCreated'; payload: DrawingSummary };
type DrawingRenamedAction = { type: 'drawings/drawingRenamed'; payload: DrawingSummary };
type DrawingDeletedAction = { type: 'drawings/drawingDeleted'; payload: string };

export type DrawingsAction =
  PageAction<'drawings', DrawingSummary> | DrawingCreatedAction | DrawingRenamedAction | DrawingDeletedAction;

const drawingsPages = pagedList.cycle<'drawings', DrawingSummary, DrawingsState>('drawings');

// Action creators

export const { pageLoading, pageLoaded, pageFailed } = drawingsPages;
export const drawingCreated = (drawing: DrawingSummary): DrawingCreatedAction => ({
  type: 'drawings/drawingCreated',
  payload: drawing,
});
export const drawingRenamed = (drawing: DrawingSummary): DrawingRenamedAction => ({
  type: 'drawings/drawingRenamed',
  payload: drawing,
});
export const drawingDeleted = (id: string): DrawingDeletedAction => ({ type: 'drawings/drawingDeleted', payload: id });

/** Lists omit `shapes`; keep list items small even when a whole drawing comes back. */
export function toSummary({ id, title, version, createdAt, updatedAt }: DrawingSummary): DrawingSummary {
  return { id, title, version, createdAt, updatedAt };
}

// Reducer

export default sliceReducer<DrawingsState, DrawingsAction>(initialDrawingsState, {
  ...drawingsPages.handlers,
  'drawings/drawingCreated': (state, { payload: created }) => ({
    ...state,
    items: [created, ...state.items.filter((d) => d.id !== created.id)],
  }),
  'drawings/drawingRenamed': (state, { payload: renamed }) => ({
    ...state,
    items: state.items.map((d) => (d.id === renamed.id ? renamed : d)),
  }),
  'drawings/drawingDeleted': (state, { payload: id }) => ({ ...state, items: state.items.filter((d) => d.id !== id) }),
});

// Thunks

function loadPage(more: boolean): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const cursor = more ? selectDrawingsNextCursor(getState()) : null;
    if (more && !cursor) return;
    const query = new URLSearchParams({ limit: String(DRAWINGS_PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    await drawingsPages.track(dispatch, more, () => api.request<Page<DrawingSummary>>(`/api/drawings?${query}`));
  };
}

/** The first page, replacing whatever was listed. */
export const fetchDrawings = (): AppThunk<Promise<void>> => loadPage(false);

/** The next page, appended. */
export const fetchMoreDrawings = (): AppThunk<Promise<void>> => loadPage(true);

export const createDrawing =
  (title: string): AppThunk<Promise<Outcome<Drawing>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() =>
      api.request<Drawing>('/api/drawings', { method: 'POST', body: { title, shapes: [] } }),
    );
    if (outcome.ok) dispatch(drawingCreated(toSummary(outcome.value)));
    return outcome;
  };

/** The version a 409 names as current, so a title-only change can be applied on top of it. */
function currentVersionOf(error: unknown): number | undefined {
  if (!(error instanceof ProblemError) || error.code !== 'version_conflict') return undefined;
  const current = error.problem.extensions.current as { version?: unknown } | undefined;
  return typeof current?.version === 'number' ? current.version : undefined;
}

/** Renames a drawing. A title does not clash with shape edits made elsewhere, so a 409 is retried once on top. */
export const renameDrawing =
  (drawing: DrawingSummary, title: string): AppThunk<Promise<Outcome<DrawingSummary>>> =>
  async (dispatch, _getState, { api }) => {
    const put = (version: number) =>
      api.request<Drawing>(`/api/drawings/${drawing.id}`, { method: 'PUT', body: { title, version } });
    const outcome = await attempt(async () => {
      try {
        return toSummary(await put(drawing.version));
      } catch (error) {
        const version = currentVersionOf(error);
        if (version === undefined) throw error;
        return toSummary(await put(version));
      }
    });
    if (outcome.ok) dispatch(drawingRenamed(outcome.value));
    return outcome;
  };

export const deleteDrawing = (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  deleteItem(`/api/drawings/${id}`, () => drawingDeleted(id));

// Selectors

export const selectDrawings = (state: RootState): DrawingSummary[] => state.drawings.items;
export const selectDrawingsStatus = (state: RootState) => state.drawings.status;
export const selectDrawingsError = (state: RootState): AppError | null => state.drawings.error;
export const selectDrawingsNextCursor = (state: RootState): string | null => state.drawings.nextCursor;
export const selectHasMoreDrawings = (state: RootState): boolean => state.drawings.nextCursor !== null;
