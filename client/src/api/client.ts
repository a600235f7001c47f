import { NetworkError, ProblemError, requestJson, type FetchLike, type ReceivedProblem } from './http';
import { createSessionKeeper, type SessionPort, type Timers } from './session-keeper';
import type { TabSync } from './tab-sync';
import type { Credentials, Registration, Session, SessionResponse } from './types';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClientDeps {
  fetch: FetchLike;
  port: SessionPort;
  tabs: TabSync;
  timers?: Timers;
}

/** The header the API demands on cookie-authenticated calls (refresh, logout): see docs/api.md. */
const CSRF_HEADERS = { 'x-requested-with': 'easel' };

const TOKEN_REFUSALS = new Set(['invalid_token', 'token_expired', 'unauthorized']);

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The SPA's one API client. Every call goes through `request`, which attaches the access token
 * (refreshing it first when it is about to expire), and after a 401 `token_expired` refreshes
 * once and retries once. Any other 401 ends the session with a message. Session changes reach
 * the Redux store through `port`; the token is kept nowhere else.
 */
export function createApiClient({ fetch, port, tabs, timers = browserTimers }: ApiClientDeps) {
  async function send<T>(path: string, options: RequestOptions, token?: string): Promise<T> {
    const headers = new Headers(options.headers);
    if (options.body !== undefined) headers.set('content-type', 'application/json');
    if (token) headers.set('authorization', `Bearer ${token}`);
    const init: RequestInit = { method: options.method ?? 'GET', headers, signal: options.signal ?? null };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    try {
      return await requestJson<T>(fetch, path, init);
    } catch (error) {
      if (error instanceof ProblemError || isAbort(error)) throw error;
      throw new NetworkError(error);
    }
  }

  const postWithCookie = <T>(path: string) => send<T>(path, { method: 'POST', headers: CSRF_HEADERS });

  const keeper = createSessionKeeper({
    port,
    tabs,
    timers,
    requestRefresh: () => postWithCookie<SessionResponse>('/api/auth/refresh'),
    requestLogout: () => postWithCookie<void>('/api/auth/logout'),
  });

  /** A fresh token after `used` was refused as expired: another caller may already have one. */
  async function tokenAfterExpiry(used: string): Promise<string | null> {
    const current = port.read();
    if (current && current.accessToken !== used && current.expiresAt > timers.now()) return current.accessToken;
    return (await keeper.refresh())?.accessToken ?? null;
  }

  /** The access token was refused for good. (A wrong password, 401 invalid_credentials, is not that.) */
  function endSessionOn(error: unknown): void {
    if (error instanceof ProblemError && TOKEN_REFUSALS.has(error.code) && port.read()) {
      void keeper.end('sessionEnded', SESSION_ENDED_MESSAGE, { logOut: true }).catch(() => undefined);
    }
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const token = await keeper.currentToken();
    if (!token) throw new ProblemError(signedOutProblem());
    try {
      return await send<T>(path, options, token);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code !== 'token_expired') {
        endSessionOn(error);
        throw error;
      }
      const fresh = await tokenAfterExpiry(token);
      if (!fresh) throw error;
      try {
        return await send<T>(path, options, fresh);
      } catch (retryError) {
        endSessionOn(retryError);
        throw retryError;
      }
    }
  }

  async function startSession(path: string, body: Credentials | Registration): Promise<Session> {
    return keeper.begin(await send<SessionResponse>(path, { method: 'POST', body }));
  }

  return {
    request,
    /** A call that needs no session (the sign-in page's provider list): no token, no refresh. */
    requestAnonymously: <T>(path: string, options: RequestOptions = {}) => send<T>(path, options),
    signIn: (credentials: Credentials) => startSession('/api/auth/login', credentials),
    register: (registration: Registration) => startSession('/api/auth/register', registration),
    /** At load: the refresh cookie, if any, becomes a session. Null when there is none. */
    restoreSession: (): Promise<Session | null> => keeper.refresh(),
    signOut: () => keeper.end('signedOut', undefined, { logOut: true }),
    async signOutEverywhere(): Promise<void> {
      await request<void>('/api/auth/logout-all', { method: 'POST' });
      await keeper.end('everywhere', 'You signed out on every device.', { logOut: false });
    },
    /** Call when the tab becomes visible or the network returns. */
    wake: () => keeper.wake(),
    dispose: () => keeper.dispose(),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function signedOutProblem(): ReceivedProblem {
  return {
    type: 'about:blank',
    title: 'Signed out',
    status: 401,
    detail: 'Sign in to continue.',
    code: 'unauthorized',
    requestId: undefined,
    errors: undefined,
    retryAfter: undefined,
    extensions: {},
  };
}
