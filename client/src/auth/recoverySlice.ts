/**
 * Account recovery: forgot password, reset password, verify email, resend the verification. No
 * state of its own beyond the signed-in user (updated once their address is verified), so thunks
 * and a selector only.
 */
import type { EmailRequestAccepted, EmailVerified } from '../contract';
import { attempt, type Outcome } from '../api/errors';
import type { AppThunk, RootState } from '../store';
import { selectCurrentUser, userUpdated } from './authSlice';

/** A POST that needs no session (the person is signed out, or the link is the proof). */
const postAnonymously =
  <T>(path: string, body: unknown): AppThunk<Promise<Outcome<T>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.requestAnonymously<T>(path, { method: 'POST', body }));

export const requestPasswordReset = (email: string) =>
  postAnonymously<EmailRequestAccepted>('/api/auth/password/forgot', { email });

export const resetPassword = (token: string, newPassword: string) =>
  postAnonymously<unknown>('/api/auth/password/reset', { token, newPassword });

export const resendVerification = (email: string) =>
  postAnonymously<EmailRequestAccepted>('/api/auth/email/resend', { email });

/** Verifies the address; a signed-in user of that address sees it verified at once. */
export const verifyEmail =
  (token: string): AppThunk<Promise<Outcome<EmailVerified>>> =>
  async (dispatch, getState) => {
    const outcome = await dispatch(postAnonymously<EmailVerified>('/api/auth/email/verify', { token }));
    const user = selectCurrentUser(getState());
    if (outcome.ok && user && user.email === outcome.value.email)
      dispatch(userUpdated({ ...user, emailVerified: true }));
    return outcome;
  };

/** The signed-in user still has to confirm their address. */
export const selectNeedsEmailVerification = (state: RootState): boolean => {
  const user = selectCurrentUser(state);
  return user !== null && !user.emailVerified;
};

/**
 * The token of an emailed link, from the URL fragment (`#token=...`), which browsers never send
 * to a server. Read once, then removed from the address bar and history.
 */
export function takeLinkToken(location: { hash: string }): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (token && typeof window !== 'undefined') {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return token;
}
