import type { Dispatch, UnknownAction } from 'redux';
import { toAppError, type AppError } from '../api/errors';

/** Where a slice's load stands; components show a spinner, the data or the error from it. */
export type RequestStatus = 'idle' | 'loading' | 'succeeded' | 'failed';

/** The part of a slice's state that tracks one load. `Extra` adds statuses (a list's `loadingMore`). */
export interface RequestState<Extra extends string = never> {
  status: RequestStatus | Extra;
  error: AppError | null;
}

const idle: RequestState = { status: 'idle', error: null };
const succeeded: RequestState = { status: 'succeeded', error: null };

/** That part at each step of the load, for a reducer to spread into its state. */
export const request = {
  idle,
  started: <Extra extends string = never>(status: 'loading' | Extra = 'loading'): RequestState<Extra> => ({
    status,
    error: null,
  }),
  succeeded,
  failed: (error: AppError): RequestState => ({ status: 'failed', error }),
};

/** The three actions that tell a slice how a load went. */
export interface RequestActions<T> {
  started: () => UnknownAction;
  succeeded: (value: T) => UnknownAction;
  failed: (error: AppError) => UnknownAction;
}

/** Runs a load for a slice: `started`, then `succeeded` with its value or `failed` with the error in people's words. */
export async function trackRequest<T>(
  dispatch: Dispatch,
  actions: RequestActions<T>,
  load: () => Promise<T>,
): Promise<void> {
  dispatch(actions.started());
  try {
    dispatch(actions.succeeded(await load()));
  } catch (error) {
    dispatch(actions.failed(toAppError(error)));
  }
}
