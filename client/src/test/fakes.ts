import type { FetchLike } from '../api/http';
import { createTabSync, type ChannelLike, type LockManagerLike, type TabSync } from '../api/tab-sync';
import type { Session, SessionResponse, User } from '../api/types';
import { signedIn } from '../auth/authSlice';
import { createMemoryDraftStore, type DraftStore } from '../drawings/drafts';
import { createAppStore, type AppStore } from '../store';

export const TEST_USER: User = {
  id: '6f1c3a52-7a1e-4c55-9d5e-0b9f3a8f1c01',
  email: 'ann@example.com',
  name: 'Ann',
  roles: ['user'],
  isActive: true,
  emailVerified: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
};

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function problemResponse(status: number, code: string, detail = code, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `urn:easel:problem:${code}`, title: code, status, detail, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

export interface FakeCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;

/**
 * A stand-in for the API: it issues numbered tokens, knows which are live, expired or revoked,
 * answers refresh and logout like the real one, and records every call. Other routes answer
 * what `route()` says (200 `{}` by default) to a live token, and the right 401 otherwise.
 */
export function createFakeBackend({ ttl = 300, user = TEST_USER }: { ttl?: number; user?: User } = {}) {
  let issued = 0;
  let sessionEnded = false;
  const live = new Set<string>();
  const expired = new Set<string>();
  const calls: FakeCall[] = [];
  const routes = new Map<string, Handler>();

  const issue = (): SessionResponse => {
    const accessToken = `token-${++issued}`;
    live.add(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, user };
  };

  const answer = async (call: FakeCall): Promise<Response> => {
    if (call.path === '/api/auth/refresh') {
      return sessionEnded
        ? problemResponse(401, 'invalid_refresh_token', 'The session is not valid; log in again')
        : jsonResponse(issue());
    }
    if (call.path === '/api/auth/logout') {
      sessionEnded = true;
      return new Response(null, { status: 204 });
    }
    if (call.path === '/api/auth/login' || call.path === '/api/auth/register') {
      sessionEnded = false;
      return jsonResponse(issue(), call.path.endsWith('register') ? 201 : 200);
    }
    const token = /^Bearer (.+)$/.exec(call.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!live.has(token)) return problemResponse(401, expired.has(token) ? 'token_expired' : 'invalid_token');
    const handler = routes.get(`${call.method} ${call.path}`);
    return handler ? handler(call) : jsonResponse({});
  };

  const fetch: FetchLike = async (path, init = {}) => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method: init.method ?? 'GET', path, headers: new Headers(init.headers), body };
    calls.push(call);
    return answer(call);
  };

  return {
    fetch,
    calls,
    /** A token as the server would issue it, e.g. for a session put in the store by hand. */
    issue,
    route: (key: string, handler: Handler) => routes.set(key, handler),
    /** The token now answers 401 token_expired. */
    expire(token: string) {
      live.delete(token);
      expired.add(token);
    },
    expireAll() {
      for (const token of live) expired.add(token);
      live.clear();
    },
    /** The refresh family is gone: refresh answers 401, live tokens 401 invalid_token. */
    endSession() {
      sessionEnded = true;
      live.clear();
    },
    refreshCount: () => calls.filter((call) => call.path === '/api/auth/refresh').length,
  };
}

export type FakeBackend = ReturnType<typeof createFakeBackend>;

/** One lock manager shared by fake tabs: a queue per lock name, like `navigator.locks`. */
export function createFakeLocks(): LockManagerLike & { held: () => number } {
  const queues = new Map<string, Promise<unknown>>();
  let held = 0;
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const before = queues.get(name) ?? Promise.resolve();
      const run = before.then(async () => {
        held += 1;
        try {
          return await callback();
        } finally {
          held -= 1;
        }
      });
      queues.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
    held: () => held,
  };
}

/** BroadcastChannels between fake tabs: a message reaches every other channel, asynchronously. */
export function createFakeChannelHub() {
  const channels = new Set<{ deliver(data: unknown): void }>();
  return {
    open(): ChannelLike {
      const listeners: ((event: MessageEvent) => void)[] = [];
      const self = {
        deliver: (data: unknown) => listeners.forEach((listener) => listener({ data } as MessageEvent)),
      };
      channels.add(self);
      return {
        postMessage(message) {
          const copy = structuredClone(message);
          for (const channel of channels) if (channel !== self) setTimeout(() => channel.deliver(copy), 0);
        },
        addEventListener: (_type, listener) => listeners.push(listener),
        close: () => channels.delete(self),
      };
    },
  };
}

/** A tab that talks to no other: no channel, no locks. */
export const aloneTab = (): TabSync => createTabSync({});

export function sessionFrom(response: SessionResponse, expiresAt = Date.now() + response.expiresIn * 1000): Session {
  return { accessToken: response.accessToken, expiresAt, lifetime: response.expiresIn, user: response.user };
}

/** A store whose API client talks to `backend`, already signed in with a token from it. */
export function signedInStore(
  backend: FakeBackend,
  tabs: TabSync = aloneTab(),
  drafts: DraftStore = createMemoryDraftStore(),
): AppStore {
  const store = createAppStore({ fetch: backend.fetch, tabs, drafts });
  store.dispatch(signedIn(sessionFrom(backend.issue())));
  return store;
}
