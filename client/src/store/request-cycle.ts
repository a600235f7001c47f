import type { Action } from 'redux';
import type { AppError } from '../api/errors';
import type { ApiClient } from '../api/client';
import type { AppThunk } from '../store';
import { request, trackRequest, type RequestState } from './request-status';
import type { Handlers } from './slice-reducer';

type Loading<P extends string> = { type: `${P}Loading` };
type Loaded<P extends string, T> = { type: `${P}Loaded`; payload: T };
/** A load named `prefix` failed, with the error in people's words. */
export type LoadFailed<P extends string> = { type: `${P}Failed`; payload: AppError };

/** The three actions of one load named `prefix`: `account/sessionsLoading`, `…Loaded`, `…Failed`. */
export type RequestCycleAction<P extends string, T> = Loading<P> | Loaded<P, T> | LoadFailed<P>;

/** A load's action creators, their handlers and its thunk (see `requestCycle`). */
export interface RequestCycle<P extends string, S, T> {
  loading: () => Loading<P>;
  loaded: (value: T) => Loaded<P, T>;
  failed: (error: AppError) => LoadFailed<P>;
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
  const loading = (): Loading<P> => ({ type: `${prefix}Loading` });
  const loaded = (value: T): Loaded<P, T> => ({ type: `${prefix}Loaded`, payload: value });
  const failed = (error: AppError): LoadFailed<P> => ({ type: `${prefix}Failed`, payload: error });
  return {
    loading,
    loaded,
    failed,
    handlers: loadHandlers(
      prefix,
      (state: S) => ({ ...state, ...request.started() }),
      (state: S, { payload }: Loaded<P, T>) => ({ ...withValue(state, payload), ...request.succeeded }),
    ),
    thunk:
      (load) =>
      (dispatch, _getState, { api }) =>
        trackRequest(dispatch, { started: loading, succeeded: loaded, failed }, () => load(api)),
  };
}

/**
 * The handlers of a load's three actions (`${prefix}Loading`, `…Loaded`, `…Failed`): `started`
 * and `succeeded` as the slice needs, a failure recorded the same way in every slice.
 */
export function loadHandlers<
  P extends string,
  S extends RequestState<string>,
  L extends Action<`${P}Loading`>,
  D extends Action<`${P}Loaded`>,
>(
  prefix: P,
  started: (state: S, action: L) => S,
  succeeded: (state: S, action: D) => S,
): Handlers<S, L | D | LoadFailed<P>> {
  const handlers = {
    [`${prefix}Loading`]: started,
    [`${prefix}Loaded`]: succeeded,
    [`${prefix}Failed`]: (state: S, { payload }: LoadFailed<P>) => ({ ...state, ...request.failed(payload) }),
  };
  // tsc types keys computed from a generic template literal as `string`, hence the assertion.
  return handlers as unknown as Handlers<S, L | D | LoadFailed<P>>;
}
