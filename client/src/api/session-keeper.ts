import { toAppError } from './errors';
import { ProblemError } from './http';
import type { SignOutReason, TabMessage, TabSync } from './tab-sync';
import type { Session, SessionResponse } from './types';

/** Where the session lives (the Redux store) and how it changes, seen from the keeper. */
export interface SessionPort {
  read(): Session | null;
  signedIn(session: Session): void;
  refreshed(session: Session): void;
  signedOut(reason: SignOutReason, message: string | undefined): void;
}

/** The clock and timers, so tests can move time instead of waiting. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SessionKeeperDeps {
  port: SessionPort;
  tabs: TabSync;
  timers: Timers;
  /** POST /api/auth/refresh (the cookie); rejects with ProblemError or NetworkError. */
  requestRefresh(): Promise<SessionResponse>;
  /** POST /api/auth/logout: ends the session on the server and clears the cookie. */
  requestLogout(): Promise<void>;
}

/** How long a tab with a stale token waits for another tab to hand it a fresh one. */
export const ASK_TABS_TIMEOUT_MS = 100;
/** A token this close to expiry is refreshed before it is sent. */
export const SEND_MARGIN_MS = 1_000;
/** How long the tab that refreshed keeps the lock after telling the others. */
export const HANDOVER_MS = 50;
/** After a refresh that failed for a passing reason (network, 429, 5xx), try again this soon. */
export const RETRY_REFRESH_MS = 5_000;

/** Refresh a fifth of the lifetime before expiry, at most a minute early: 4 s of 5, 4 min of 5. */
export function refreshLeadMs(lifetimeSeconds: number): number {
  return Math.min(60_000, lifetimeSeconds * 200);
}

export function toSession(response: SessionResponse, now: number): Session {
  const { accessToken, expiresIn, user } = response;
  return { accessToken, expiresAt: now + expiresIn * 1000, lifetime: expiresIn, user };
}

const isDue = (session: Session, now: number) => session.expiresAt - now <= refreshLeadMs(session.lifetime);

/** A refresh refused for good (401 invalid_refresh_token, 403 origin): the session is over. */
export function endsSession(error: unknown): boolean {
  return error instanceof ProblemError && (error.status === 401 || error.status === 403);
}

/**
 * Keeps the access token alive: refreshes before expiry and on demand, one refresh at a time in
 * this tab (concurrent callers share the promise) and across tabs (a Web Lock, fresh tokens
 * handed over a BroadcastChannel), so tabs waking together never present a rotated refresh
 * token twice, which the server would treat as theft and answer by ending the session.
 */
export function createSessionKeeper(deps: SessionKeeperDeps) {
  const { port, tabs, timers } = deps;
  let inflight: Promise<Session | null> | null = null;
  let timer: unknown;
  const waiting = new Set<(session: Session) => void>();

  function schedule(session: Session | null, delay?: number): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (!session) return;
    const wait = delay ?? session.expiresAt - refreshLeadMs(session.lifetime) - timers.now();
    timer = timers.setTimeout(() => void refreshOnSchedule(), Math.max(0, wait));
  }

  async function refreshOnSchedule(): Promise<void> {
    timer = undefined;
    try {
      await refresh();
    } catch {
      // A passing failure (offline, 429, 5xx): keep the session and try again soon.
      schedule(port.read(), RETRY_REFRESH_MS);
    }
  }

  function adopt(session: Session): void {
    const current = port.read();
    // Another account signed in elsewhere: nothing of this one may stay on screen.
    if (current && current.user.id !== session.user.id) port.signedOut('otherTab', undefined);
    if (current?.user.id === session.user.id) port.refreshed(session);
    else port.signedIn(session);
    schedule(session);
    for (const resolve of waiting) resolve(session);
  }

  function signOutHere(reason: SignOutReason, message: string | undefined, tellTabs: boolean): void {
    schedule(null);
    port.signedOut(reason, message);
    if (tellTabs) tabs.publish({ type: 'signedOut', reason, message });
  }

  /** Resolves with a fresh session another tab hands over, or null after the timeout. */
  function askOtherTabs(stale: Session): Promise<Session | null> {
    return new Promise((resolve) => {
      const finish = (session: Session | null) => {
        waiting.delete(onSession);
        timers.clearTimeout(timeout);
        resolve(session);
      };
      const onSession = (session: Session) => {
        if (session.expiresAt > stale.expiresAt && !isDue(session, timers.now())) finish(session);
      };
      const timeout = timers.setTimeout(() => finish(null), ASK_TABS_TIMEOUT_MS);
      waiting.add(onSession);
      tabs.publish({ type: 'sessionWanted', newerThan: stale.expiresAt });
    });
  }

  async function refreshUnderLock(staleToken: string | undefined): Promise<Session | null> {
    // Another tab may have refreshed while this one waited for the lock.
    const current = port.read();
    if (current && current.accessToken !== staleToken && !isDue(current, timers.now())) return current;
    let session: Session;
    try {
      session = toSession(await deps.requestRefresh(), timers.now());
    } catch (error) {
      if (!endsSession(error)) throw error;
      const hadSession = port.read() !== null;
      signOutHere('sessionEnded', hadSession ? toAppError(error).message : undefined, hadSession);
      return null;
    }
    adopt(session);
    tabs.publish({ type: 'session', origin: 'refreshed', session });
    // Hold the lock a moment so the token reaches the other tabs before the next one takes it.
    await new Promise((resolve) => timers.setTimeout(() => resolve(undefined), HANDOVER_MS));
    return session;
  }

  async function runRefresh(): Promise<Session | null> {
    const stale = port.read();
    if (stale && tabs.shared) {
      const handed = await askOtherTabs(stale);
      if (handed) return handed;
    }
    return tabs.withRefreshLock(() => refreshUnderLock(stale?.accessToken));
  }

  /** One refresh for every caller in this tab until it settles. */
  function refresh(): Promise<Session | null> {
    inflight ??= runRefresh().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function onTabMessage(message: TabMessage): void {
    const current = port.read();
    if (message.type === 'session') {
      const { session, origin } = message;
      // A signed-out tab follows a sign-in elsewhere, but never a refresh it had no part in.
      if (!current && origin === 'refreshed') return;
      if (current && origin === 'refreshed' && session.expiresAt <= current.expiresAt) return;
      adopt(session);
    } else if (message.type === 'sessionWanted') {
      if (current && current.expiresAt > message.newerThan && !isDue(current, timers.now())) {
        tabs.publish({ type: 'session', origin: 'refreshed', session: current });
      }
    } else if (current) {
      signOutHere(message.reason === 'signedOut' ? 'otherTab' : message.reason, message.message, false);
    }
  }

  const unsubscribe = tabs.subscribe(onTabMessage);

  return {
    refresh,

    /** A token to send now: refreshed first when it is due. Null when signed out. */
    async currentToken(): Promise<string | null> {
      const session = port.read();
      if (!session) return null;
      if (session.expiresAt - timers.now() > SEND_MARGIN_MS) return session.accessToken;
      return (await refresh())?.accessToken ?? null;
    },

    /** Refreshes when the token is due, e.g. when a tab becomes visible after a sleep. */
    async wake(): Promise<void> {
      const session = port.read();
      if (session && isDue(session, timers.now())) await refresh().catch(() => undefined);
    },

    /** After login or register: this tab and every other one use the new session. */
    begin(response: SessionResponse): Session {
      const session = toSession(response, timers.now());
      adopt(session);
      tabs.publish({ type: 'session', origin: 'signedIn', session });
      return session;
    },

    /** Ends the session here and in every tab; `logOut` also ends it on the server. */
    async end(reason: SignOutReason, message: string | undefined, options: { logOut: boolean }): Promise<void> {
      if (options.logOut) await tabs.withRefreshLock(() => deps.requestLogout());
      signOutHere(reason, message, true);
    },

    dispose(): void {
      schedule(null);
      unsubscribe();
    },
  };
}

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;
