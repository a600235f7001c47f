import { attempt, type AppError, type Outcome } from '../api/errors';
import type { DeviceSession, Page, User } from '../api/types';
import { userUpdated } from '../auth/authSlice';
import { withStepUp } from '../mfa/mfaSlice';
import type { AppThunk, RootState } from '../store';
import { deleteItem } from '../store/delete-item';
import { requestCycle, type RequestCycleAction } from '../store/request-cycle';
import { request, type RequestState } from '../store/request-status';
import { sliceReducer } from '../store/slice-reducer';

/** The account page's data: the user's signed-in devices (the profile itself is in auth). */
export interface AccountState extends RequestState {
  sessions: DeviceSession[];
}

export const initialAccountState: AccountState = { sessions: [], ...request.idle };

export interface ProfileChanges {
  name?: string;
  email?: string;
  currentPassword?: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

const withSessions = (state: AccountState, sessions: DeviceSession[]): AccountState => ({ ...state, sessions });

/** Loading the user's signed-in devices: `account/sessionsLoading`, `…Loaded`, `…Failed`. */
const sessionsRequest = requestCycle('account/sessions', withSessions);

type SessionRevokedAction = { type: 'account/sessionRevoked'; payload: string };

export type AccountAction = RequestCycleAction<'account/sessions', DeviceSession[]> | SessionRevokedAction;

// Action creators

export const { loading: sessionsLoading, loaded: sessionsLoaded, failed: sessionsFailed } = sessionsRequest;
export const sessionRevoked = (id: string): SessionRevokedAction => ({ type: 'account/sessionRevoked', payload: id });

// Reducer

export default sliceReducer<AccountState, AccountAction>(initialAccountState, {
  ...sessionsRequest.handlers,
  'account/sessionRevoked': (state, { payload: id }) => ({
    ...state,
    sessions: state.sessions.filter((session) => session.id !== id),
  }),
});

// Thunks

export const fetchSessions = (): AppThunk<Promise<void>> =>
  sessionsRequest.thunk(async (api) => (await api.request<Page<DeviceSession>>('/api/auth/sessions')).items);

/** Signs one of the user's other devices out. */
export const revokeSession = (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  deleteItem(`/api/auth/sessions/${id}`, () => sessionRevoked(id));

/** Name and email; a new email needs the current password. */
export const updateProfile =
  (changes: ProfileChanges): AppThunk<Promise<Outcome<User>>> =>
  async (dispatch, _getState, { api }) => {
    // An email change may ask for a recent second factor first (403 step_up_required).
    const outcome = await dispatch(
      withStepUp(() => attempt(() => api.request<User>('/api/users/me', { method: 'PATCH', body: changes }))),
    );
    if (outcome.ok) dispatch(userUpdated(outcome.value));
    return outcome;
  };

/** Changes the password; the server ends every other session, so the list is read again. */
export const changePassword =
  (change: PasswordChange): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await dispatch(
      withStepUp(() => attempt(() => api.request<void>('/api/auth/password/change', { method: 'POST', body: change }))),
    );
    if (outcome.ok) await dispatch(fetchSessions());
    return outcome;
  };

// Selectors

export const selectDeviceSessions = (state: RootState): DeviceSession[] => state.account.sessions;
export const selectDeviceSessionsStatus = (state: RootState) => state.account.status;
export const selectDeviceSessionsError = (state: RootState): AppError | null => state.account.error;
