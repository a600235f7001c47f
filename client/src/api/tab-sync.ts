import type { Session } from './types';

/** Why a tab stopped being signed in; it decides the message the login page shows. */
export type SignOutReason = 'signedOut' | 'sessionEnded' | 'everywhere' | 'otherTab';

/**
 * What tabs of one browser tell each other. Tokens travel memory to memory over a
 * BroadcastChannel, never through storage.
 * - `session`: a fresh access token, from a refresh or a new sign-in (`origin`).
 * - `sessionWanted`: a tab woke with a stale token; a tab with a newer, fresh one answers.
 * - `signedOut`: the shared session ended here; every tab follows.
 */
export type TabMessage =
  | { type: 'session'; origin: 'signedIn' | 'refreshed'; session: Session }
  | { type: 'sessionWanted'; newerThan: number }
  | { type: 'signedOut'; reason: SignOutReason; message: string | undefined };

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of `BroadcastChannel` used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface TabSync {
  /** False when this tab cannot talk to others (no BroadcastChannel): asking them is pointless. */
  readonly shared: boolean;
  publish(message: TabMessage): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  /** Runs `task` while no other tab of this origin runs one: one refresh at a time. */
  withRefreshLock<T>(task: () => Promise<T>): Promise<T>;
  close(): void;
}

export const CHANNEL_NAME = 'easel-session';
export const REFRESH_LOCK_NAME = 'easel-refresh';

function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type } = data as { type?: unknown };
  return type === 'session' || type === 'sessionWanted' || type === 'signedOut';
}

/**
 * Tab coordination over a lock manager and a channel. Either may be missing (an insecure
 * context has no `navigator.locks`, old browsers no BroadcastChannel): the tab then works
 * alone, and the server's refresh grace window covers two tabs refreshing at once.
 */
export function createTabSync({ locks, channel }: { locks?: LockManagerLike; channel?: ChannelLike }): TabSync {
  const listeners = new Set<(message: TabMessage) => void>();
  channel?.addEventListener('message', (event) => {
    if (!isTabMessage(event.data)) return;
    for (const listener of [...listeners]) listener(event.data);
  });
  return {
    shared: channel !== undefined,
    publish: (message) => channel?.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    withRefreshLock: (task) => (locks ? locks.request(REFRESH_LOCK_NAME, task) : task()),
    close: () => channel?.close(),
  };
}

/** The browser's Web Locks API and a BroadcastChannel, where this context has them. */
export function createBrowserTabSync(): TabSync {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
  // Node's BroadcastChannel (tests) would otherwise keep the process alive.
  (channel as { unref?: () => void } | undefined)?.unref?.();
  return createTabSync({ locks, channel });
}
