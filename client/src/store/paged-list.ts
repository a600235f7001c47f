import type { Dispatch } from 'redux';
import type { AppError } from '../api/errors';
import type { Page } from '../api/types';
import { request, trackRequest, type RequestState } from './request-status';
import { loadHandlers, type LoadFailed } from './request-cycle';
import type { Handlers } from './slice-reducer';

/** A list the API gives a page at a time (`?cursor=`): the items so far and where the next page starts. */
export interface PagedList<T> extends RequestState<'loadingMore'> {
  items: T[];
  nextCursor: string | null;
}

type PageLoading<D extends string> = { type: `${D}/pageLoading`; payload: { more: boolean } };
type PageLoaded<D extends string, T> = { type: `${D}/pageLoaded`; payload: Page<T> & { more: boolean } };
type PageFailed<D extends string> = LoadFailed<`${D}/page`>;

/** The actions of a paged list in `domain`: `users/pageLoading` and so on. `more`: a next page, not the first. */
export type PageAction<D extends string, T> = PageLoading<D> | PageLoaded<D, T> | PageFailed<D>;

/** A paged list's action creators, their handlers for the slice's reducer, and `track` to load a page. */
export interface PagedListCycle<D extends string, T, S> {
  pageLoading: (more: boolean) => PageLoading<D>;
  pageLoaded: (page: Page<T>, more: boolean) => PageLoaded<D, T>;
  pageFailed: (error: AppError) => PageFailed<D>;
  handlers: Handlers<S, PageAction<D, T>>;
  /** Dispatches `pageLoading`, then `pageLoaded` with the page `load` gave or `pageFailed` with its error. */
  track: (dispatch: Dispatch, more: boolean, load: () => Promise<Page<T>>) => Promise<void>;
}

/** While a page loads: a first page shows as `loading`, a next one as `loadingMore` (the list stays). */
const requested = (more: boolean) => request.started<'loadingMore'>(more ? 'loadingMore' : 'loading');

/** A page came: a next page is appended, a first one replaces the list. */
function withPage<T, S extends PagedList<T>>(state: S, { items, nextCursor, more }: Page<T> & { more: boolean }): S {
  return { ...state, items: more ? [...state.items, ...items] : items, nextCursor, ...request.succeeded };
}

export const pagedList = {
  empty: <T>(): PagedList<T> => ({ items: [], nextCursor: null, ...request.idle }),

  /** The paged list of the slice `domain` (state `S`), declared once. */
  cycle<D extends string, T, S extends PagedList<T>>(domain: D): PagedListCycle<D, T, S> {
    const pageLoading = (more: boolean): PageLoading<D> => ({ type: `${domain}/pageLoading`, payload: { more } });
    const pageLoaded = (page: Page<T>, more: boolean): PageLoaded<D, T> => ({
      type: `${domain}/pageLoaded`,
      payload: { ...page, more },
    });
    const pageFailed = (error: AppError): PageFailed<D> => ({ type: `${domain}/pageFailed`, payload: error });
    return {
      pageLoading,
      pageLoaded,
      pageFailed,
      handlers: loadHandlers(
        `${domain}/page` as const,
        (state: S, { payload }: PageLoading<D>) => ({ ...state, ...requested(payload.more) }),
        (state: S, { payload }: PageLoaded<D, T>) => withPage(state, payload),
      ),
      track: (dispatch, more, load) =>
        trackRequest(
          dispatch,
          { started: () => pageLoading(more), succeeded: (page) => pageLoaded(page, more), failed: pageFailed },
          load,
        ),
    };
  },
};
