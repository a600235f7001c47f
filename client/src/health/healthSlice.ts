import type { UnknownAction } from 'redux';
import { ProblemError, requestJson } from '../api/http';
import type { AppThunk, RootState } from '../store';

export type HealthStatus = 'idle' | 'loading' | 'succeeded' | 'failed';

/** What `GET /healthz` answered; only `status` is relied on. */
export interface HealthReport {
  status: string;
}

/** A serializable summary of why the check failed (state never holds Error objects). */
export interface HealthError {
  code: string;
  message: string;
  requestId: string | undefined;
}

export interface HealthState {
  status: HealthStatus;
  report: HealthReport | null;
  error: HealthError | null;
}

export const initialHealthState: HealthState = { status: 'idle', report: null, error: null };

type HealthLoadingAction = { type: 'health/healthLoading' };
type HealthLoadedAction = { type: 'health/healthLoaded'; payload: HealthReport };
type HealthFailedAction = { type: 'health/healthFailed'; payload: HealthError };

export type HealthAction = HealthLoadingAction | HealthLoadedAction | HealthFailedAction;

const healthActionTypes: Record<HealthAction['type'], true> = {
  'health/healthLoading': true,
  'health/healthLoaded': true,
  'health/healthFailed': true,
};

function isHealthAction(action: UnknownAction): action is HealthAction {
  return Object.hasOwn(healthActionTypes, action.type);
}

// Action creators

export const healthLoading = (): HealthLoadingAction => ({ type: 'health/healthLoading' });

export const healthLoaded = (report: HealthReport): HealthLoadedAction => ({
  type: 'health/healthLoaded',
  payload: report,
});

export const healthFailed = (error: HealthError): HealthFailedAction => ({
  type: 'health/healthFailed',
  payload: error,
});

// Reducer

export default function healthReducer(state: HealthState = initialHealthState, action: UnknownAction): HealthState {
  if (!isHealthAction(action)) return state;
  switch (action.type) {
    case 'health/healthLoading':
      return { ...state, status: 'loading' };
    case 'health/healthLoaded':
      return { status: 'succeeded', report: action.payload, error: null };
    case 'health/healthFailed':
      return { status: 'failed', report: null, error: action.payload };
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

// Thunks

function readHealthReport(body: unknown): HealthReport {
  const status = typeof body === 'object' && body !== null && 'status' in body ? body.status : undefined;
  // A 2xx from /healthz means alive even if the body says nothing more.
  return { status: typeof status === 'string' ? status : 'ok' };
}

function describeHealthError(error: unknown): HealthError {
  if (error instanceof ProblemError) {
    return { code: error.code, message: error.message, requestId: error.problem.requestId };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'network_error', message, requestId: undefined };
}

/** Asks the API whether it is alive. A check already in flight is not started twice. */
export const fetchHealth =
  (): AppThunk<Promise<void>> =>
  async (dispatch, getState, { fetch }) => {
    if (selectHealthStatus(getState()) === 'loading') return;
    dispatch(healthLoading());
    let outcome: HealthLoadedAction | HealthFailedAction;
    try {
      outcome = healthLoaded(readHealthReport(await requestJson<unknown>(fetch, '/healthz')));
    } catch (error) {
      outcome = healthFailed(describeHealthError(error));
    }
    // Dispatched outside the try so an error thrown while rendering is not reported as "API down".
    dispatch(outcome);
  };

// Selectors

export const selectHealthStatus = (state: RootState): HealthStatus => state.health.status;

export const selectHealthReport = (state: RootState): HealthReport | null => state.health.report;

export const selectHealthError = (state: RootState): HealthError | null => state.health.error;
