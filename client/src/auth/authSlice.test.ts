import { describe, expect, it } from 'vitest';
import type { AppError } from '../api/errors';
import { sessionFrom, TEST_USER } from '../test/fakes';
import authReducer, {
  initialAuthState,
  restoreFailed,
  signedIn,
  signedOut,
  tokenRefreshed,
  userUpdated,
  type AuthState,
} from './authSlice';

const session = sessionFrom({ accessToken: 't1', tokenType: 'Bearer', expiresIn: 300, user: TEST_USER }, 1_000);
const signedInState: AuthState = authReducer(initialAuthState, signedIn(session));

describe('authReducer', () => {
  it('starts restoring, with nobody signed in', () => {
    expect(authReducer(undefined, { type: '@@init' })).toEqual(initialAuthState);
    expect(initialAuthState.status).toBe('restoring');
  });

  it('keeps the session, token included, only in state', () => {
    expect(signedInState).toMatchObject({ status: 'signedIn', session, notice: null });
  });

  it('swaps the token on refresh, but not for a signed-out user', () => {
    const next = { ...session, accessToken: 't2' };
    expect(authReducer(signedInState, tokenRefreshed(next)).session?.accessToken).toBe('t2');
    const out = authReducer(signedInState, signedOut('signedOut'));
    expect(authReducer(out, tokenRefreshed(next))).toBe(out);
  });

  it('forgets the token on sign-out and keeps the reason for the login page', () => {
    const ended = authReducer(signedInState, signedOut('sessionEnded', 'Your session has ended.'));
    expect(ended).toMatchObject({ status: 'signedOut', session: null, notice: 'Your session has ended.' });
    expect(authReducer(signedInState, signedOut('otherTab')).notice).toBe('You signed out in another tab.');
    expect(authReducer(signedInState, signedOut('signedOut')).notice).toBeNull();
  });

  it('shows the new name after a profile change', () => {
    const renamed = authReducer(signedInState, userUpdated({ ...TEST_USER, name: 'Annie' }));
    expect(renamed.session?.user.name).toBe('Annie');
    expect(renamed.session?.accessToken).toBe('t1');
  });

  it('remembers why the session could not be restored', () => {
    const error = { kind: 'network', code: 'network_error', message: 'offline' } as AppError;
    expect(authReducer(initialAuthState, restoreFailed(error))).toMatchObject({
      status: 'unreachable',
      restoreError: error,
    });
  });
});
