import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { BackgroundTask } from '../core/background-task.ts';
import { findHandler, WEBHOOK_HANDLERS, type HandlerRegistry, type InboxEvent } from './handlers.ts';
import { claimNext, finishEvent, holdClaim, recordAttemptFailure } from './inbox.ts';

/** How long a claim lasts; a handler's transaction is cut off then, and the event retried. */
export const LEASE_SECONDS = 60;
const POLL_INTERVAL_MS = 1000;
/** The backoff doubles from WEBHOOK_RETRY_DELAY after each failure, up to this. */
const MAX_RETRY_DELAY_SECONDS = 6 * 3600;
const MAX_ERROR_LENGTH = 500;

type WorkerDeps = Pick<AppDeps, 'config' | 'db' | 'clock' | 'logger'>;

export interface WebhookWorkerOptions {
  handlers?: HandlerRegistry;
  pollIntervalMs?: number;
}

export interface WebhookWorker extends BackgroundTask {
  /** Processes the events due now, one after another; resolves to how many it took. */
  runDue(): Promise<number>;
}

/**
 * Runs inbox events through their handlers: every poll interval it takes the due events one by
 * one until none is left. Any number of workers, in any number of instances, may share the inbox.
 */
export function createWebhookWorker(deps: WorkerDeps, options: WebhookWorkerOptions = {}): WebhookWorker {
  const handlers = options.handlers ?? WEBHOOK_HANDLERS;
  const pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
  let stopping = new AbortController();
  let loop: Promise<void> | undefined;

  const processNext = async (): Promise<boolean> => {
    const now = deps.clock.now();
    const event = await claimNext(deps.db, now, addSeconds(now, LEASE_SECONDS));
    if (event) await processEvent(deps, handlers, event);
    return event !== undefined;
  };
  const runDue = async (): Promise<number> => {
    let processed = 0;
    while (!stopping.signal.aborted && (await processNext())) processed += 1;
    return processed;
  };
  const runLoop = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      // A database outage must not end the loop: log it and try again at the next poll.
      await runDue().catch((err: unknown) => deps.logger.error('webhook worker: inbox unavailable', { err }));
      await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  };
  return {
    name: 'webhook worker',
    runDue,
    start() {
      if (loop) return;
      stopping = new AbortController();
      loop = runLoop(stopping.signal);
    },
    async stop() {
      stopping.abort();
      await loop;
      loop = undefined;
    },
  };
}

/**
 * Runs the handler and marks the event finished in one transaction, so that its writes and the
 * "done" mark commit together or not at all.
 */
async function processEvent(deps: WorkerDeps, handlers: HandlerRegistry, event: InboxEvent): Promise<void> {
  const handler = findHandler(handlers, event.provider, event.type);
  try {
    await deps.db.$transaction(
      async (tx) => {
        if (!(await holdClaim(tx, event))) return;
        const now = deps.clock.now();
        if (handler) await handler(event, { tx, now });
        await finishEvent(tx, event, handler ? 'done' : 'ignored', now);
      },
      { timeout: LEASE_SECONDS * 1000 },
    );
  } catch (error) {
    await recordFailure(deps, event, error);
  }
}

/** Schedules the next attempt with backoff, or, with the attempts used up, fails the event for good. */
async function recordFailure(deps: WorkerDeps, event: InboxEvent, error: unknown): Promise<void> {
  const { maxAttempts, retryDelaySeconds } = deps.config.webhooks;
  const exhausted = event.attempts >= maxAttempts;
  const retryAt = exhausted ? null : addSeconds(deps.clock.now(), backoffSeconds(event.attempts, retryDelaySeconds));
  const message = describeError(error);
  const recorded = await deps.db.$transaction(async (tx) => {
    if (!(await recordAttemptFailure(tx, event, message, retryAt))) return false;
    if (exhausted) {
      const data = { provider: event.provider, eventId: event.eventId, type: event.type, attempts: event.attempts };
      await recordAudit(tx, null, { type: 'webhook.failed', data: { ...data, error: message } });
    }
    return true;
  });
  if (!recorded) return;
  const about = { provider: event.provider, eventId: event.eventId, type: event.type, attempt: event.attempts };
  if (exhausted) deps.logger.error('webhook event failed: out of attempts', { ...about, err: error });
  else deps.logger.warn('webhook event failed: will retry', { ...about, retryAt, err: error });
}

/** 1st retry after `base`, then 2x, 4x, ... up to MAX_RETRY_DELAY_SECONDS. */
export function backoffSeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** (attempt - 1), MAX_RETRY_DELAY_SECONDS);
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
