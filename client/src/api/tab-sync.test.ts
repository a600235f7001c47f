import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectAuthNotice, selectAuthStatus, selectSession, signOut } from '../auth/authSlice';
import { createAppStore, type AppStore } from '../store';
import {
  createFakeBackend,
  createFakeChannelHub,
  createFakeLocks,
  jsonResponse,
  type FakeBackend,
} from '../test/fakes';
import { createTabSync } from './tab-sync';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

const settle = () => vi.advanceTimersByTimeAsync(1_000);

/** Tabs of one browser: one backend (one cookie jar), one lock manager, one channel hub. */
function openTabs(count: number, backend: FakeBackend, { locks = true, channel = true } = {}): AppStore[] {
  const lockManager = createFakeLocks();
  const hub = createFakeChannelHub();
  return Array.from({ length: count }, () =>
    createAppStore({
      fetch: backend.fetch,
      tabs: createTabSync({
        ...(locks ? { locks: lockManager } : {}),
        ...(channel ? { channel: hub.open() } : {}),
      }),
    }),
  );
}

async function signInEverywhere(tabs: AppStore[]): Promise<void> {
  await tabs[0]!.api.signIn({ email: 'ann@example.com', password: 'pw' });
  await settle();
}

describe('tabs of one browser', () => {
  it('all follow a sign-in made in one of them', async () => {
    const backend = createFakeBackend();
    const tabs = openTabs(3, backend);
    await signInEverywhere(tabs);

    const tokens = tabs.map((tab) => selectSession(tab.getState())?.accessToken);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toBeDefined();
  });

  it('wake together with expired tokens and refresh once: the others get the token over the channel', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/drawings', () => jsonResponse({ items: [] }));
    const tabs = openTabs(3, backend);
    await signInEverywhere(tabs);
    // Past expiry on every clock, and on the server.
    vi.setSystemTime(Date.now() + 301_000);
    backend.expireAll();

    const requests = tabs.map((tab) => tab.api.request('/api/drawings'));
    await settle();

    await expect(Promise.all(requests)).resolves.toHaveLength(3);
    expect(backend.refreshCount()).toBe(1);
    const tokens = new Set(tabs.map((tab) => selectSession(tab.getState())?.accessToken));
    expect(tokens.size).toBe(1);
  });

  it('serialise their refreshes under the lock, so no tab presents a refresh token another already rotated', async () => {
    const backend = createFakeBackend();
    let inFlight = 0;
    let mostAtOnce = 0;
    const countingFetch: typeof backend.fetch = async (path, init) => {
      if (path !== '/api/auth/refresh') return backend.fetch(path, init);
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      return backend.fetch(path, init);
    };
    const lockManager = createFakeLocks();
    // No channel: nothing is handed over, so every tab has to refresh itself, one after another.
    const tabs = Array.from({ length: 3 }, () =>
      createAppStore({ fetch: countingFetch, tabs: createTabSync({ locks: lockManager }) }),
    );

    const restores = tabs.map((tab) => tab.api.restoreSession());
    await settle();
    await Promise.all(restores);

    expect(backend.refreshCount()).toBe(3);
    expect(mostAtOnce).toBe(1);
  });

  it('hand a fresh token to a tab that asks, instead of it refreshing', async () => {
    const backend = createFakeBackend();
    const [first, second] = openTabs(2, backend);
    await signInEverywhere([first!, second!]);
    // The second tab missed a refresh (it was asleep): its token is older than the first tab's.
    const renewed = first!.api.restoreSession();
    await settle();
    await renewed;
    const fresh = selectSession(first!.getState())!;
    second!.dispatch({
      type: 'auth/tokenRefreshed',
      payload: { ...fresh, accessToken: 'token-old', expiresAt: Date.now() + 500 },
    });
    const refreshesBefore = backend.refreshCount();

    const token = second!.api.request('/api/drawings');
    await settle();
    await token;

    expect(backend.refreshCount()).toBe(refreshesBefore);
    expect(selectSession(second!.getState())?.accessToken).toBe(fresh.accessToken);
  });

  it('all sign out when one signs out, with a word about why', async () => {
    const backend = createFakeBackend();
    const tabs = openTabs(3, backend);
    await signInEverywhere(tabs);

    await tabs[1]!.dispatch(signOut());
    await settle();

    expect(tabs.map((tab) => selectAuthStatus(tab.getState()))).toEqual(['signedOut', 'signedOut', 'signedOut']);
    expect(selectAuthNotice(tabs[1]!.getState())).toBeNull();
    expect(selectAuthNotice(tabs[0]!.getState())).toBe('You signed out in another tab.');
  });

  it('do not sign a signed-out tab back in with a token refreshed elsewhere', async () => {
    const backend = createFakeBackend();
    const [signedIn, signedOutTab] = openTabs(2, backend);
    await signedIn!.api.signIn({ email: 'ann@example.com', password: 'pw' });
    await settle();
    // It followed the sign-in; now the user signs this tab out alone (as a failed call would).
    expect(selectAuthStatus(signedOutTab!.getState())).toBe('signedIn');
    signedOutTab!.dispatch({ type: 'auth/signedOut', payload: { reason: 'signedOut', message: null } });

    const refresh = signedIn!.api.restoreSession();
    await settle();
    await refresh;

    expect(selectAuthStatus(signedOutTab!.getState())).toBe('signedOut');
  });

  it('work alone where the browser has neither locks nor channels', async () => {
    const backend = createFakeBackend();
    const [tab] = openTabs(1, backend, { locks: false, channel: false });
    const restore = tab!.api.restoreSession();
    await settle();
    await expect(restore).resolves.toMatchObject({ user: { email: 'ann@example.com' } });
  });
});
