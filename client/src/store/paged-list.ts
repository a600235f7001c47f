import type { AppError } from '../api/errors';
import type { Page } from '../api/types';
import { request, type RequestState } from './request-status';

/** A list the API gives a page at a time (`?cursor=`): the items so far and where the next page starts. */
export interface PagedList<T> extends RequestState<'loadingMore'> {
  items: T[];
  nextCursor: string | null;
}

export const emptyPagedList = <T>(): PagedList<T> => ({ items: [], nextCursor: null, ...request.idle });

/** The actions of a paged list in `domain`: `users/pageLoading` and so on. `more`: a next page, not the first. */
export type PageAction<D extends string, T> =
  | { type: `${D}/pageLoading`; payload: { more: boolean } }
  | { type: `${D}/pageLoaded`; payload: Page<T> & { more: boolean } }
  | { type: `${D}/pageFailed`; payload: AppError };

export function pageActionCreators<D extends string, T>(domain: D) {
  return {
    pageLoading: (more: boolean) => ({ type: `${domain}/pageLoading` as const, payload: { more } }),
    pageLoaded: (page: Page<T>, more: boolean) => ({
      type: `${domain}/pageLoaded` as const,
      payload: { ...page, more },
    }),
    pageFailed: (error: AppError) => ({ type: `${domain}/pageFailed` as const, payload: error }),
  };
}

/** While a page loads: a first page shows as `loading`, a next one as `loadingMore` (the list stays). */
export const pageRequested = (more: boolean) => request.started<'loadingMore'>(more ? 'loadingMore' : 'loading');

/** A page came: a next page is appended, a first one replaces the list. */
export function withPage<T, S extends PagedList<T>>(
  state: S,
  { items, nextCursor, more }: Page<T> & { more: boolean },
): S {
  return { ...state, items: more ? [...state.items, ...items] : items, nextCursor, ...request.succeeded };
}
