import type { AppError } from '../api/errors';
import type { Page } from '../api/types';
import { request, type RequestState } from './request-status';

/** A list the API gives a page at a time (`?cursor=`): the items so far and where the next page starts. */
export interface PagedList<T> extends RequestState<'loadingMore'> {
  items: T[];
  nextCursor: string | null;
}

/** The actions of a paged list in `domain`: `users/pageLoading` and so on. `more`: a next page, not the first. */
export type PageAction<D extends string, T> =
  | { type: `${D}/pageLoading`; payload: { more: boolean } }
  | { type: `${D}/pageLoaded`; payload: Page<T> & { more: boolean } }
  | { type: `${D}/pageFailed`; payload: AppError };

/** A paged list's action creators and the steps of its reducer. */
export const pagedList = {
  empty: <T>(): PagedList<T> => ({ items: [], nextCursor: null, ...request.idle }),

  actionCreators: <D extends string, T>(domain: D) => ({
    pageLoading: (more: boolean) => ({ type: `${domain}/pageLoading` as const, payload: { more } }),
    pageLoaded: (page: Page<T>, more: boolean) => ({
      type: `${domain}/pageLoaded` as const,
      payload: { ...page, more },
    }),
    pageFailed: (error: AppError) => ({ type: `${domain}/pageFailed` as const, payload: error }),
  }),

  /** While a page loads: a first page shows as `loading`, a next one as `loadingMore` (the list stays). */
  requested: (more: boolean) => request.started<'loadingMore'>(more ? 'loadingMore' : 'loading'),

  /** A page came: a next page is appended, a first one replaces the list. */
  withPage: <T, S extends PagedList<T>>(state: S, { items, nextCursor, more }: Page<T> & { more: boolean }): S => ({
    ...state,
    items: more ? [...state.items, ...items] : items,
    nextCursor,
    ...request.succeeded,
  }),
};
