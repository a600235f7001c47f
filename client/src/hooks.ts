import { useDispatch, useSelector } from 'react-redux';
import type { AppDispatch, RootState } from './store';

/** `useDispatch` that knows about thunks. */
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();

/** `useSelector` typed with the app's state; pass a `selectX` selector, never an inline path. */
export const useAppSelector = useSelector.withTypes<RootState>();
