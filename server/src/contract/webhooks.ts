/** The webhook inbox as the API returns it (docs/webhooks.md). */
import { z } from 'zod';
import { Timestamp } from './timestamps.ts';
import { pageOf } from './pages.ts';

/**
 * pending: waiting for its (next) attempt; done: its handler ran; failed: out of attempts, waiting
 * for an admin's retry; ignored: no handler for its type.
 */
export const WebhookEventStatus = z.enum(['pending', 'done', 'failed', 'ignored']);
export type WebhookEventStatus = z.infer<typeof WebhookEventStatus>;

/** The answer to a delivery: stored (or found already stored), to be processed after. */
export const WebhookReceipt = z.object({
  provider: z.string(),
  eventId: z.string(),
  /** True when this event was delivered before: nothing new was stored. */
  duplicate: z.boolean(),
});
export type WebhookReceipt = z.infer<typeof WebhookReceipt>;

/** One inbox row for admins; the payload stays in the database. */
export const WebhookEventView = z.object({
  id: z.uuid(),
  provider: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: WebhookEventStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: Timestamp,
  nextAttemptAt: Timestamp,
  processedAt: Timestamp.nullable(),
});
export type WebhookEventView = z.infer<typeof WebhookEventView>;

export const WebhookEventPage = pageOf(WebhookEventView);
