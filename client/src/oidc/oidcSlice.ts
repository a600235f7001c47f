import { attempt, type Outcome } from '../api/errors';
import type { LinkedIdentity, LinkedIdentityList, OidcProviderSummary } from '../contract';
import type { AppThunk, RootState } from '../store';
import { requestCycle, type RequestCycleAction } from '../store/request-cycle';
import { request, type RequestState } from '../store/request-status';
import { sliceReducer } from '../store/slice-reducer';

/** Sign-in providers (for the login page) and the identities linked to the account (settings). */
export interface OidcState extends RequestState {
  providers: OidcProviderSummary[];
  identities: LinkedIdentity[];
  hasPassword: boolean;
}

export const initialOidcState: OidcState = { providers: [], identities: [], hasPassword: true, ...request.idle };

const withIdentities = (state: OidcState, { items, hasPassword }: LinkedIdentityList): OidcState => ({
  ...state,
  identities: items,
  hasPassword,
});

/** Loading the linked identities: `oidc/identitiesLoading`, `…Loaded`, `…Failed`. */
const identitiesRequest = requestCycle('oidc/identities', withIdentities);

type ProvidersLoadedAction = { type: 'oidc/providersLoaded'; payload: OidcProviderSummary[] };
type IdentityUnlinkedAction = { type: 'oidc/identityUnlinked'; payload: string };

export type OidcAction =
  ProvidersLoadedAction | RequestCycleAction<'oidc/identities', LinkedIdentityList> | IdentityUnlinkedAction;

// Action creators

export const providersLoaded = (providers: OidcProviderSummary[]): ProvidersLoadedAction => ({
  type: 'oidc/providersLoaded',
  payload: providers,
});
export const { loading: identitiesLoading, loaded: identitiesLoaded, failed: identitiesFailed } = identitiesRequest;
export const identityUnlinked = (id: string): IdentityUnlinkedAction => ({
  type: 'oidc/identityUnlinked',
  payload: id,
});

// Reducer

// The providers stay across a sign-out: the login page shows them next.
const keepProviders = (state: OidcState): OidcState => ({ ...initialOidcState, providers: state.providers });

export default sliceReducer<OidcState, OidcAction>(
  initialOidcState,
  {
    ...identitiesRequest.handlers,
    'oidc/providersLoaded': (state, { payload: providers }) => ({ ...state, providers }),
    'oidc/identityUnlinked': (state, { payload: id }) => ({
      ...state,
      identities: state.identities.filter((identity) => identity.id !== id),
    }),
  },
  keepProviders,
);

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

export const fetchIdentities = (): AppThunk<Promise<void>> =>
  identitiesRequest.thunk((api) => api.request<LinkedIdentityList>('/api/auth/oidc/identities'));

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
