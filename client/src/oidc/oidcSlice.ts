import type { UnknownAction } from 'redux';
import { attempt, type AppError, type Outcome } from '../api/errors';
import type { LinkedIdentity, LinkedIdentityList, OidcProviderSummary } from '../contract';
import type { AppThunk, RootState } from '../store';
import { isActionOf } from '../store/action-domain';
import { request, trackRequest, type RequestState } from '../store/request-status';

/** Sign-in providers (for the login page) and the identities linked to the account (settings). */
export interface OidcState extends RequestState {
  providers: OidcProviderSummary[];
  identities: LinkedIdentity[];
  hasPassword: boolean;
}

export const initialOidcState: OidcState = { providers: [], identities: [], hasPassword: true, ...request.idle };

type ProvidersLoadedAction = { type: 'oidc/providersLoaded'; payload: OidcProviderSummary[] };
type IdentitiesLoadingAction = { type: 'oidc/identitiesLoading' };
type IdentitiesLoadedAction = { type: 'oidc/identitiesLoaded'; payload: LinkedIdentityList };
type IdentitiesFailedAction = { type: 'oidc/identitiesFailed'; payload: AppError };
type IdentityUnlinkedAction = { type: 'oidc/identityUnlinked'; payload: string };

export type OidcAction =
  | ProvidersLoadedAction
  | IdentitiesLoadingAction
  | IdentitiesLoadedAction
  | IdentitiesFailedAction
  | IdentityUnlinkedAction;

const isOidcAction = isActionOf<OidcAction>('oidc');

// Action creators

export const providersLoaded = (providers: OidcProviderSummary[]): ProvidersLoadedAction => ({
  type: 'oidc/providersLoaded',
  payload: providers,
});
export const identitiesLoading = (): IdentitiesLoadingAction => ({ type: 'oidc/identitiesLoading' });
export const identitiesLoaded = (list: LinkedIdentityList): IdentitiesLoadedAction => ({
  type: 'oidc/identitiesLoaded',
  payload: list,
});
export const identitiesFailed = (error: AppError): IdentitiesFailedAction => ({
  type: 'oidc/identitiesFailed',
  payload: error,
});
export const identityUnlinked = (id: string): IdentityUnlinkedAction => ({
  type: 'oidc/identityUnlinked',
  payload: id,
});

// Reducer

export default function oidcReducer(state: OidcState = initialOidcState, action: UnknownAction): OidcState {
  // The providers stay across a sign-out: the login page shows them next.
  if (action.type === 'auth/signedOut') return { ...initialOidcState, providers: state.providers };
  if (!isOidcAction(action)) return state;
  switch (action.type) {
    case 'oidc/providersLoaded':
      return { ...state, providers: action.payload };
    case 'oidc/identitiesLoading':
      return { ...state, ...request.started() };
    case 'oidc/identitiesLoaded':
      return {
        ...state,
        identities: action.payload.items,
        hasPassword: action.payload.hasPassword,
        ...request.succeeded,
      };
    case 'oidc/identitiesFailed':
      return { ...state, ...request.failed(action.payload) };
    case 'oidc/identityUnlinked':
      return { ...state, identities: state.identities.filter((identity) => identity.id !== action.payload) };
    default: {
      const _exhaustive: never = action;
      return state;
    }
  }
}

// Thunks

/** The providers to offer; none when the list cannot be had (the password form still works). */
export const fetchProviders =
  (): AppThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() =>
      api.requestAnonymously<{ items: OidcProviderSummary[] }>('/api/auth/oidc/providers'),
    );
    if (outcome.ok) dispatch(providersLoaded(outcome.value.items));
  };

export const fetchIdentities =
  (): AppThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    await trackRequest(
      dispatch,
      { started: identitiesLoading, succeeded: identitiesLoaded, failed: identitiesFailed },
      () => api.request<LinkedIdentityList>('/api/auth/oidc/identities'),
    );
  };

/** Starts linking: the URL at the provider the browser must go to (a full navigation). */
export const startLink =
  (provider: string): AppThunk<Promise<Outcome<string>>> =>
  async (_dispatch, _getState, { api }) => {
    const outcome = await attempt(() =>
      api.request<{ url: string }>(`/api/auth/oidc/${provider}/link`, {
        method: 'POST',
        body: { returnTo: '/account' },
      }),
    );
    return outcome.ok ? { ok: true, value: outcome.value.url } : outcome;
  };

export const unlinkIdentity =
  (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() => api.request<void>(`/api/auth/oidc/identities/${id}`, { method: 'DELETE' }));
    if (outcome.ok) dispatch(identityUnlinked(id));
    return outcome;
  };

// Selectors

export const selectOidcProviders = (state: RootState) => state.oidc.providers;
export const selectLinkedIdentities = (state: RootState) => state.oidc.identities;
export const selectHasPassword = (state: RootState) => state.oidc.hasPassword;
export const selectIdentitiesStatus = (state: RootState) => state.oidc.status;
export const selectIdentitiesError = (state: RootState) => state.oidc.error;
