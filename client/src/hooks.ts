import { useEffect } from 'react';
import { useDispatch, useSelector } from 'react-redux';
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
