import type { UnknownAction } from 'redux';
import { attempt, toAppError, type AppError, type Outcome } from '../api/errors';
import type { SessionPort } from '../api/session-keeper';
import type { SignOutReason } from '../api/tab-sync';
import type { Credentials, Registration, Session, User } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { isActionOf } from '../store/action-domain';

/** `restoring` until the refresh cookie has been tried at load; `unreachable` if that failed. */
export type AuthStatus = 'restoring' | 'unreachable' | 'signedIn' | 'signedOut';

export interface AuthState {
  status: AuthStatus;
  /** The access token lives here and nowhere else: not in storage, not in a readable cookie. */
  session: Session | null;
  /** Why the user was signed out, for the login page; null when they chose to. */
  notice: string | null;
  /** Why the last sign-out happened; null while signed in or before anyone was. */
  signOutReason: SignOutReason | null;
  restoreError: AppError | null;
}

export const initialAuthState: AuthState = {
  status: 'restoring',
  session: null,
  notice: null,
  signOutReason: null,
  restoreError: null,
};

type RestoreStartedAction = { type: 'auth/restoreStarted' };
type RestoreFailedAction = { type: 'auth/restoreFailed'; payload: AppError };
type SignedInAction = { type: 'auth/signedIn'; payload: Session };
type TokenRefreshedAction = { type: 'auth/tokenRefreshed'; payload: Session };
type SignedOutAction = { type: 'auth/signedOut'; payload: { reason: SignOutReason; message: string | null } };
type UserUpdatedAction = { type: 'auth/userUpdated'; payload: User };
type NoticeDismissedAction = { type: 'auth/noticeDismissed' };

export type AuthAction =
  | RestoreStartedAction
  | RestoreFailedAction
  | SignedInAction
  | TokenRefreshedAction
  | SignedOutAction
  | UserUpdatedAction
  | NoticeDismissedAction;

const isAuthAction = isActionOf<AuthAction>('auth');

// Action creators

export const restoreStarted = (): RestoreStartedAction => ({ type: 'auth/restoreStarted' });
export const restoreFailed = (error: AppError): RestoreFailedAction => ({ type: 'auth/restoreFailed', payload: error });
export const signedIn = (session: Session): SignedInAction => ({ type: 'auth/signedIn', payload: session });
export const tokenRefreshed = (session: Session): TokenRefreshedAction => ({
  type: 'auth/tokenRefreshed',
  payload: session,
});
export const signedOut = (reason: SignOutReason, message: string | null = null): SignedOutAction => ({
  type: 'auth/signedOut',
  payload: { reason, message },
});
export const userUpdated = (user: User): UserUpdatedAction => ({ type: 'auth/userUpdated', payload: user });
export const noticeDismissed = (): NoticeDismissedAction => ({ type: 'auth/noticeDismissed' });

const OTHER_TAB_NOTICE = 'You signed out in another tab.';

// Reducer

export default function authReducer(state: AuthState = initialAuthState, action: UnknownAction): AuthState {
  if (!isAuthAction(action)) return state;
  switch (action.type) {
    case 'auth/restoreStarted':
      return { ...state, status: 'restoring', restoreError: null };
    case 'auth/restoreFailed':
      return { ...state, status: 'unreachable', restoreError: action.payload };
    case 'auth/signedIn':
      return { status: 'signedIn', session: action.payload, notice: null, signOutReason: null, restoreError: null };
    case 'auth/tokenRefreshed':
      return state.session ? { ...state, session: action.payload } : state;
    case 'auth/signedOut': {
      const { reason, message } = action.payload;
      const notice = message ?? (reason === 'otherTab' ? OTHER_TAB_NOTICE : null);
      return { status: 'signedOut', session: null, notice, signOutReason: reason, restoreError: null };
    }
    case 'auth/userUpdated':
      return state.session ? { ...state, session: { ...state.session, user: action.payload } } : state;
    case 'auth/noticeDismissed':
      return state.notice === null ? state : { ...state, notice: null };
    default: {
      const _exhaustive: never = action;
      return state;
    }
  }
}

/** How the API client reads and changes the session: through this store and nothing else. */
export function createSessionPort(store: {
  getState(): RootState;
  dispatch(action: AuthAction): unknown;
}): SessionPort {
  return {
    read: () => selectSession(store.getState()),
    signedIn: (session) => store.dispatch(signedIn(session)),
    refreshed: (session) => store.dispatch(tokenRefreshed(session)),
    signedOut: (reason, message) => store.dispatch(signedOut(reason, message ?? null)),
  };
}

// Thunks

/** At load: turns the refresh cookie into a session, or lands signed out. */
export const restoreSession =
  (): AppThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    dispatch(restoreStarted());
    try {
      const session = await api.restoreSession();
      if (!session) dispatch(signedOut('sessionEnded'));
    } catch (error) {
      dispatch(restoreFailed(toAppError(error)));
    }
  };

export const signIn =
  (credentials: Credentials): AppThunk<Promise<Outcome<unknown>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.signIn(credentials));

export const register =
  (registration: Registration): AppThunk<Promise<Outcome<unknown>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.register(registration));

export const signOut =
  (): AppThunk<Promise<Outcome<unknown>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.signOut());

export const signOutEverywhere =
  (): AppThunk<Promise<Outcome<unknown>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.signOutEverywhere());

// Selectors

export const selectAuthStatus = (state: RootState): AuthStatus => state.auth.status;
export const selectSession = (state: RootState): Session | null => state.auth.session;
export const selectCurrentUser = (state: RootState): User | null => state.auth.session?.user ?? null;
export const selectIsAdmin = (state: RootState): boolean => state.auth.session?.user.roles.includes('admin') ?? false;
export const selectAuthNotice = (state: RootState): string | null => state.auth.notice;
/** True when the user signed out on purpose (here or everywhere), not when a session ran out. */
export const selectSignedOutByChoice = (state: RootState): boolean =>
  state.auth.signOutReason === 'signedOut' || state.auth.signOutReason === 'everywhere';
export const selectRestoreError = (state: RootState): AppError | null => state.auth.restoreError;
