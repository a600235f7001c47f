import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { attempt, type AppError, type Outcome } from '../api/errors';
import type { Session, SessionResponse } from '../api/types';
import type { MfaStatus, MyMfa, PasskeyCeremony, PasskeyView, StepUpResponse, TotpEnrolment } from '../contract';
import type { AppThunk, RootState } from '../store';
import { requestCycle, type RequestCycleAction } from '../store/request-cycle';
import { request, type RequestState } from '../store/request-status';
import { sliceReducer } from '../store/slice-reducer';

/** The account's second factors (docs/mfa.md), and whether a sensitive action waits for a step-up. */
export interface MfaState extends RequestState {
  factors: MyMfa | null;
  stepUpOpen: boolean;
}

export const initialMfaState: MfaState = { factors: null, ...request.idle, stepUpOpen: false };

/** One proof of a second factor, as the verify and step-up endpoints take it. */
export type Proof = { code: string } | { recoveryCode: string } | { passkey: true };

const withFactors = (state: MfaState, factors: MyMfa): MfaState => ({ ...state, factors });

/** Loading the account's factors: `mfa/factorsLoading`, `…Loaded`, `…Failed`. */
const factorsRequest = requestCycle('mfa/factors', withFactors);

type StepUpRequestedAction = { type: 'mfa/stepUpRequested' };
type StepUpClosedAction = { type: 'mfa/stepUpClosed' };

export type MfaAction = RequestCycleAction<'mfa/factors', MyMfa> | StepUpRequestedAction | StepUpClosedAction;

export const { loading: factorsLoading, loaded: factorsLoaded, failed: factorsFailed } = factorsRequest;
export const stepUpRequested = (): StepUpRequestedAction => ({ type: 'mfa/stepUpRequested' });
export const stepUpClosed = (): StepUpClosedAction => ({ type: 'mfa/stepUpClosed' });

export default sliceReducer<MfaState, MfaAction>(initialMfaState, {
  ...factorsRequest.handlers,
  'mfa/stepUpRequested': (state) => ({ ...state, stepUpOpen: true }),
  'mfa/stepUpClosed': (state) => ({ ...state, stepUpOpen: false }),
});

// Step-up: a sensitive action refused with 403 step_up_required opens the prompt; once the user
// proves a second factor it runs again, once.

let stepUpWaiter: ((confirmed: boolean) => void) | null = null;

/** Called by the step-up prompt when it closes: true after a successful proof. */
export function settleStepUp(confirmed: boolean): void {
  const waiter = stepUpWaiter;
  stepUpWaiter = null;
  waiter?.(confirmed);
}

export const withStepUp =
  <T>(run: () => Promise<Outcome<T>>): AppThunk<Promise<Outcome<T>>> =>
  async (dispatch) => {
    const first = await run();
    if (first.ok || first.error.code !== 'step_up_required') return first;
    settleStepUp(false);
    const confirmed = new Promise<boolean>((resolve) => {
      stepUpWaiter = resolve;
    });
    dispatch(stepUpRequested());
    return (await confirmed) ? run() : first;
  };

// Thunks

export const fetchFactors = (): AppThunk<Promise<void>> =>
  factorsRequest.thunk((api) => api.request<MyMfa>('/api/auth/mfa'));

const thenRefresh =
  <T>(outcome: Outcome<T>): AppThunk<Promise<Outcome<T>>> =>
  async (dispatch) => {
    if (outcome.ok) await dispatch(fetchFactors());
    return outcome;
  };

export const startTotp =
  (): AppThunk<Promise<Outcome<TotpEnrolment>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.request<TotpEnrolment>('/api/auth/mfa/totp', { method: 'POST' }));

export const confirmTotp =
  (code: string): AppThunk<Promise<Outcome<{ recoveryCodes: string[] | null }>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await attempt(() =>
          api.request<{ recoveryCodes: string[] | null }>('/api/auth/mfa/totp/confirm', {
            method: 'POST',
            body: { code },
          }),
        ),
      ),
    );

export const removeTotp =
  (): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await dispatch(withStepUp(() => attempt(() => api.request<void>('/api/auth/mfa/totp', { method: 'DELETE' })))),
      ),
    );

export const regenerateRecoveryCodes =
  (): AppThunk<Promise<Outcome<{ codes: string[] }>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await dispatch(
          withStepUp(() =>
            attempt(() => api.request<{ codes: string[] }>('/api/auth/mfa/recovery-codes', { method: 'POST' })),
          ),
        ),
      ),
    );

/** Registers a passkey: options from the API, the browser's ceremony, the answer back. */
export const addPasskey =
  (name: string): AppThunk<Promise<Outcome<{ passkey: PasskeyView; recoveryCodes: string[] | null }>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await dispatch(
          withStepUp(() =>
            attempt(async () => {
              const ceremony = await api.request<PasskeyCeremony>('/api/auth/passkeys/options', { method: 'POST' });
              const passkey = await startRegistration({ optionsJSON: ceremony.options as never });
              return api.request<{ passkey: PasskeyView; recoveryCodes: string[] | null }>('/api/auth/passkeys', {
                method: 'POST',
                body: {
                  challengeToken: ceremony.challengeToken,
                  passkey,
                  ...(name.trim() ? { name: name.trim() } : {}),
                },
              });
            }),
          ),
        ),
      ),
    );

export const renamePasskey =
  (id: string, name: string): AppThunk<Promise<Outcome<PasskeyView>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await dispatch(
          withStepUp(() =>
            attempt(() => api.request<PasskeyView>(`/api/auth/passkeys/${id}`, { method: 'PATCH', body: { name } })),
          ),
        ),
      ),
    );

export const removePasskey =
  (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await dispatch(
          withStepUp(() => attempt(() => api.request<void>(`/api/auth/passkeys/${id}`, { method: 'DELETE' }))),
        ),
      ),
    );

/** Proves a second factor for this session (the step-up prompt). */
export const stepUp =
  (proof: Proof): AppThunk<Promise<Outcome<StepUpResponse>>> =>
  async (dispatch, _getState, { api }) =>
    dispatch(
      thenRefresh(
        await attempt(async () => {
          if (!('passkey' in proof)) {
            return api.request<StepUpResponse>('/api/auth/mfa/step-up', { method: 'POST', body: proof });
          }
          const ceremony = await api.request<PasskeyCeremony>('/api/auth/mfa/step-up/passkey-options', {
            method: 'POST',
          });
          const passkey = await startAuthentication({ optionsJSON: ceremony.options as never });
          return api.request<StepUpResponse>('/api/auth/mfa/step-up', {
            method: 'POST',
            body: { challengeToken: ceremony.challengeToken, passkey },
          });
        }),
      ),
    );

/** The second step of sign-in: the challenge from the password step and one proof. */
export const completeSignIn =
  (challengeToken: string, proof: Proof): AppThunk<Promise<Outcome<Session>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(async () => {
      let body: object = { challengeToken, ...proof };
      if ('passkey' in proof) {
        const options = await api.requestAnonymously<PasskeyCeremony['options']>('/api/auth/mfa/passkey-options', {
          method: 'POST',
          body: { challengeToken },
        });
        body = { challengeToken, passkey: await startAuthentication({ optionsJSON: options as never }) };
      }
      return api.beginSession(
        await api.requestAnonymously<SessionResponse>('/api/auth/mfa/verify', { method: 'POST', body }),
      );
    });

/** A passwordless sign-in: the browser offers the passkeys it holds for this site. */
export const signInWithPasskey =
  (): AppThunk<Promise<Outcome<Session>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(async () => {
      const ceremony = await api.requestAnonymously<PasskeyCeremony>('/api/auth/passkeys/sign-in/options', {
        method: 'POST',
      });
      const passkey = await startAuthentication({ optionsJSON: ceremony.options as never });
      return api.beginSession(
        await api.requestAnonymously<SessionResponse>('/api/auth/passkeys/sign-in', {
          method: 'POST',
          body: { challengeToken: ceremony.challengeToken, passkey },
        }),
      );
    });

// Selectors

export const selectFactors = (state: RootState): MyMfa | null => state.mfa.factors;
export const selectFactorsStatus = (state: RootState) => state.mfa.status;
export const selectFactorsError = (state: RootState): AppError | null => state.mfa.error;
export const selectStepUpOpen = (state: RootState): boolean => state.mfa.stepUpOpen;

// Admin

/** Whether a user has second factors (admin): never the factors themselves. */
export const fetchUserFactors =
  (userId: string): AppThunk<Promise<Outcome<MfaStatus>>> =>
  (_dispatch, _getState, { api }) =>
    attempt(() => api.request<MfaStatus>(`/api/users/${userId}/mfa`));

/** Removes every second factor of a user (admin, audited; may ask the admin for a step-up). */
export const resetUserFactors =
  (userId: string): AppThunk<Promise<Outcome<MfaStatus>>> =>
  (dispatch, _getState, { api }) =>
    dispatch(withStepUp(() => attempt(() => api.request<MfaStatus>(`/api/users/${userId}/mfa`, { method: 'DELETE' }))));
