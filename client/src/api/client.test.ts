import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectAuthNotice, selectAuthStatus, selectSession } from '../auth/authSlice';
import { aloneTab, createFakeBackend, jsonResponse, problemResponse, signedInStore } from '../test/fakes';
import { createAppStore } from '../store';
import { NetworkError, ProblemError } from './http';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets every pending promise and due timer run. */
const settle = () => vi.advanceTimersByTimeAsync(1_000);

describe('the API client', () => {
  it('sends the access token from the store and does not refresh a fresh one', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/drawings', () => jsonResponse({ items: [], nextCursor: null }));
    const store = signedInStore(backend);

    await expect(store.api.request('/api/drawings')).resolves.toEqual({ items: [], nextCursor: null });

    const [call] = backend.calls.slice(-1);
    expect(call?.headers.get('authorization')).toBe(`Bearer ${selectSession(store.getState())?.accessToken}`);
    expect(backend.refreshCount()).toBe(0);
  });

  it('refreshes once for many concurrent requests refused as token_expired, and retries each once', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/drawings', () => jsonResponse({ items: [] }));
    const store = signedInStore(backend);
    const stale = selectSession(store.getState())!.accessToken;
    backend.expire(stale);

    const requests = Array.from({ length: 5 }, () => store.api.request('/api/drawings'));
    await settle();

    await expect(Promise.all(requests)).resolves.toHaveLength(5);
    expect(backend.refreshCount()).toBe(1);
    const drawingCalls = backend.calls.filter((call) => call.path === '/api/drawings');
    expect(drawingCalls).toHaveLength(10);
    expect(selectSession(store.getState())?.accessToken).not.toBe(stale);
    expect(selectAuthStatus(store.getState())).toBe('signedIn');
  });

  it('gives up after one retry, and signs out, when the fresh token is refused too', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/me', () => problemResponse(401, 'token_expired'));
    const store = signedInStore(backend);
    backend.expireAll();

    const request = store.api.request('/api/me').catch((error: unknown) => error);
    await settle();

    expect(await request).toBeInstanceOf(ProblemError);
    expect(backend.calls.filter((call) => call.path === '/api/me')).toHaveLength(2);
    expect(backend.refreshCount()).toBe(1);
    expect(selectAuthStatus(store.getState())).toBe('signedOut');
  });

  it('signs out with a message on invalid_token, and ends the cookie session too', async () => {
    const backend = createFakeBackend();
    const store = signedInStore(backend);
    backend.endSession();

    const request = store.api.request('/api/drawings').catch((error: unknown) => error);
    await settle();

    expect(((await request) as ProblemError).code).toBe('invalid_token');
    expect(selectAuthStatus(store.getState())).toBe('signedOut');
    expect(selectAuthNotice(store.getState())).toBe('Your session has ended. Please sign in again.');
    expect(backend.refreshCount()).toBe(0);
    expect(backend.calls.some((call) => call.path === '/api/auth/logout')).toBe(true);
  });

  it('signs out with the server’s reason when the refresh is refused', async () => {
    const backend = createFakeBackend();
    const store = signedInStore(backend);
    backend.expireAll();
    backend.endSession();

    const request = store.api.request('/api/drawings').catch((error: unknown) => error);
    await settle();

    expect(await request).toBeInstanceOf(ProblemError);
    expect(selectAuthStatus(store.getState())).toBe('signedOut');
    expect(selectAuthNotice(store.getState())).toBe('The session is not valid; log in again');
  });

  it('keeps the session when the refresh fails for a passing reason (offline)', async () => {
    const backend = createFakeBackend();
    const store = signedInStore(backend);
    backend.expireAll();
    const offlineForRefresh: typeof backend.fetch = (path, init) =>
      path === '/api/auth/refresh' ? Promise.reject(new TypeError('Failed to fetch')) : backend.fetch(path, init);
    const offline = createAppStore({ fetch: offlineForRefresh, tabs: aloneTab() });
    offline.dispatch({ type: 'auth/signedIn', payload: selectSession(store.getState()) });

    const request = offline.api.request('/api/drawings').catch((error: unknown) => error);
    await settle();

    expect(await request).toBeInstanceOf(NetworkError);
    expect(selectAuthStatus(offline.getState())).toBe('signedIn');
  });

  it('does not sign out when a password check fails (401 invalid_credentials)', async () => {
    const backend = createFakeBackend();
    backend.route('POST /api/auth/password/change', () => problemResponse(401, 'invalid_credentials'));
    const store = signedInStore(backend);

    const request = store.api.request('/api/auth/password/change', { method: 'POST', body: {} });
    await expect(request).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(selectAuthStatus(store.getState())).toBe('signedIn');
  });

  it('renews the token shortly before it expires, with no request needed', async () => {
    const backend = createFakeBackend({ ttl: 5 });
    const store = createAppStore({ fetch: backend.fetch, tabs: aloneTab() });
    await store.api.signIn({ email: 'ann@example.com', password: 'pw' });
    const first = selectSession(store.getState())!.accessToken;

    await vi.advanceTimersByTimeAsync(3_900);
    expect(backend.refreshCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(200);

    expect(backend.refreshCount()).toBe(1);
    expect(selectSession(store.getState())?.accessToken).not.toBe(first);
    store.api.dispose();
  });

  it('sends X-Requested-With on the cookie calls (refresh, logout) and a JSON body where there is one', async () => {
    const backend = createFakeBackend();
    const store = createAppStore({ fetch: backend.fetch, tabs: aloneTab() });
    const restored = store.api.restoreSession();
    await settle();
    await restored;
    await store.api.signOut();

    for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
      const call = backend.calls.find((candidate) => candidate.path === path);
      expect(call?.method).toBe('POST');
      expect(call?.headers.get('x-requested-with')).toBe('easel');
    }
    await store.api.signIn({ email: 'ann@example.com', password: 'pw' });
    const login = backend.calls.find((call) => call.path === '/api/auth/login');
    expect(login?.headers.get('content-type')).toBe('application/json');
    expect(login?.body).toEqual({ email: 'ann@example.com', password: 'pw' });
    store.api.dispose();
  });

  it('restores nothing, silently, when there is no refresh cookie', async () => {
    const backend = createFakeBackend();
    backend.endSession();
    const store = createAppStore({ fetch: backend.fetch, tabs: aloneTab() });

    const restored = store.api.restoreSession();
    await settle();
    await expect(restored).resolves.toBeNull();
    expect(selectAuthStatus(store.getState())).toBe('signedOut');
    expect(selectAuthNotice(store.getState())).toBeNull();
  });
});
