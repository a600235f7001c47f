import { useEffect } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import type { AppError } from './api/errors';
import type { AppDispatch, AppThunk, RootState } from './store';

/** `useDispatch` that knows about thunks. */
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();

/** `useSelector` typed with the app's state; pass a `selectX` selector, never an inline path. */
export const useAppSelector = useSelector.withTypes<RootState>();

/**
 * Dispatches `load()` (a slice's `fetchX`) when the component mounts, and returns it for a
 * "Try again".
 */
export function useLoadOnMount(load: () => AppThunk<Promise<void>>): () => void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    void dispatch(load());
  }, [dispatch, load]);
  return () => void dispatch(load());
}

/** Where a slice's load stands, and how to run it again: what `LoadStatus` shows. */
export interface LoadProgress<Status extends string = string> {
  status: Status;
  error: AppError | null;
  retry(): void;
}

/** `useLoadOnMount`, with where the load stands read by the slice's `selectXStatus` and `selectXError`. */
export function useLoad<Status extends string>(
  load: () => AppThunk<Promise<void>>,
  selectStatus: (state: RootState) => Status,
  selectError: (state: RootState) => AppError | null,
): LoadProgress<Status> {
  const status = useAppSelector(selectStatus);
  const error = useAppSelector(selectError);
  const retry = useLoadOnMount(load);
  return { status, error, retry };
}

/** A paged list's next page for `LoadMore`: whether there is one (`selectHasMoreX`), and its load. */
export function useLoadMore(
  loadMore: () => AppThunk<Promise<void>>,
  selectHasMore: (state: RootState) => boolean,
  progress: LoadProgress,
) {
  const dispatch = useAppDispatch();
  const hasMore = useAppSelector(selectHasMore);
  return { hasMore, loading: progress.status === 'loadingMore', onLoad: () => void dispatch(loadMore()) };
}
