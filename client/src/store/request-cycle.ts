import type { AppError } from '../api/errors';
import type { ApiClient } from '../api/client';
import type { AppThunk } from '../store';
import { request, trackRequest, type RequestState } from './request-status';
import type { Handlers } from './slice-reducer';

type Loading<P extends string> = { type: `${P}Loading` };
type Loaded<P extends string, T> = { type: `${P}Loaded`; payload: T };
type Failed<P extends string> = { type: `${P}Failed`; payload: AppError };

/** The three actions of one load named `prefix`: `account/sessionsLoading`, `…Loaded`, `…Failed`. */
export type RequestCycleAction<P extends string, T> = Loading<P> | Loaded<P, T> | Failed<P>;

/** A load's action creators, their handlers and its thunk (see `requestCycle`). */
export interface RequestCycle<P extends string, S, T> {
  loading: () => Loading<P>;
  loaded: (value: T) => Loaded<P, T>;
  failed: (error: AppError) => Failed<P>;
  handlers: Handlers<S, RequestCycleAction<P, T>>;
  /** A thunk that dispatches `loading`, then `loaded` with what `load` gave or `failed` with its error. */
  thunk: (load: (api: ApiClient) => Promise<T>) => AppThunk<Promise<void>>;
}

/**
 * One load of a slice, declared once: its three action creators, their handlers for the slice's
 * reducer and `thunk` to run the load. `withValue` puts what was loaded into the state; the
 * request's status and error are kept here.
 */
export function requestCycle<P extends string, S extends RequestState, T>(
  prefix: P,
  withValue: (state: S, value: T) => S,
): RequestCycle<P, S, T> {
  const types = { loading: `${prefix}Loading`, loaded: `${prefix}Loaded`, failed: `${prefix}Failed` } as const;
  const loading = (): Loading<P> => ({ type: types.loading });
  const loaded = (value: T): Loaded<P, T> => ({ type: types.loaded, payload: value });
  const failed = (error: AppError): Failed<P> => ({ type: types.failed, payload: error });
  // tsc types keys computed from a generic template literal as `string`, hence the assertion.
  const handlers = {
    [types.loading]: (state: S) => ({ ...state, ...request.started() }),
    [types.loaded]: (state: S, { payload }: Loaded<P, T>) => ({ ...withValue(state, payload), ...request.succeeded }),
    [types.failed]: (state: S, { payload }: Failed<P>) => ({ ...state, ...request.failed(payload) }),
  } as unknown as Handlers<S, RequestCycleAction<P, T>>;

  return {
    loading,
    loaded,
    failed,
    handlers,
    thunk:
      (load) =>
      (dispatch, _getState, { api }) =>
        trackRequest(dispatch, { started: loading, succeeded: loaded, failed }, () => load(api)),
  };
}
