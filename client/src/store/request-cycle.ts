import type { Dispatch, UnknownAction } from 'redux';
import type { AppError } from '../api/errors';
import { request, trackRequest, type RequestState } from './request-status';

/** The three actions of one load named `prefix`: `account/sessionsLoading`, `…Loaded`, `…Failed`. */
export type RequestCycleAction<P extends string, T> = Loading<P> | Loaded<P, T> | Failed<P>;

type Loading<P extends string> = { type: `${P}Loading` };
type Loaded<P extends string, T> = { type: `${P}Loaded`; payload: T };
type Failed<P extends string> = { type: `${P}Failed`; payload: AppError };

/**
 * One load of a slice, declared once: its three action creators, the guard and the reducer step
 * for them, and `track` to run the load. `withValue` puts what was loaded into the state; the
 * request status and error are kept here.
 *
 * @example
 * const sessionsRequest = requestCycle('account/sessions', (state: AccountState, sessions: DeviceSession[]) => ({ ...state, sessions }));
 */
export function requestCycle<P extends string, S extends RequestState, T>(
  prefix: P,
  withValue: (state: S, value: T) => S,
) {
  type Action = RequestCycleAction<P, T>;
  const types = { loading: `${prefix}Loading`, loaded: `${prefix}Loaded`, failed: `${prefix}Failed` } as const;
  const loading = (): Loading<P> => ({ type: types.loading });
  const loaded = (value: T): Loaded<P, T> => ({ type: types.loaded, payload: value });
  const failed = (error: AppError): Failed<P> => ({ type: types.failed, payload: error });
  const typeSet = new Set<string>(Object.values(types));
  // tsc does not narrow a union on a generic template literal type, hence guards.
  const isLoaded = (action: Action): action is Loaded<P, T> => action.type === types.loaded;
  const isFailed = (action: Action): action is Failed<P> => action.type === types.failed;

  return {
    loading,
    loaded,
    failed,
    handles: (action: UnknownAction): action is Action => typeSet.has(action.type),
    reduce(state: S, action: Action): S {
      if (isLoaded(action)) return { ...withValue(state, action.payload), ...request.succeeded };
      if (isFailed(action)) return { ...state, ...request.failed(action.payload) };
      return { ...state, ...request.started() };
    },
    /** Dispatches `loading`, then `loaded` with what `load` gave or `failed` with its error. */
    track: (dispatch: Dispatch, load: () => Promise<T>) =>
      trackRequest(dispatch, { started: loading, succeeded: loaded, failed }, load),
  };
}
