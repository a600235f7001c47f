import { z } from 'zod';
import { WebhookEventStatus } from '../contract/webhooks.ts';
import { PageQuery } from '../http/pagination.ts';

export { WebhookEventPage, WebhookEventView, WebhookReceipt } from '../contract/webhooks.ts';

export const ProviderParams = z.object({ provider: z.string() });

export const EventParams = z.object({ id: z.uuid() });

export const ListEventsQuery = PageQuery.extend({
  status: WebhookEventStatus.optional(),
  provider: z.string().max(32).optional(),
}).strict();
export type ListEventsQuery = z.infer<typeof ListEventsQuery>;

const EventId = z.string().min(1).max(255);
const EventType = z.string().min(1).max(255);

/** What the inbox needs of a Stripe event; everything else is stored as sent. */
export const StripeEventEnvelope = z.looseObject({ id: EventId, object: z.literal('event'), type: EventType });

/**
 * What the inbox needs of a Standard Webhooks payload (`{ type, timestamp, data }`, though some
 * providers send `created_at` instead of `timestamp`): the type. Its id is the `webhook-id` header.
 */
export const StandardWebhookEnvelope = z.looseObject({ type: EventType });

export const StandardWebhookId = EventId;

/** For the API reference: a Stripe event or a Standard Webhooks payload, as the provider sends it. */
export const WebhookDeliveryBody = z.union([StripeEventEnvelope, StandardWebhookEnvelope]);
