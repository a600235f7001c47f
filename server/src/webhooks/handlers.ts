import type { Prisma } from '../generated/prisma/client.ts';
import { applyCheckoutPlan } from './handlers/checkout-plan.ts';

/** An inbox row as a handler sees it: the verified payload, parsed, as the provider sent it. */
export interface InboxEvent {
  id: string;
  provider: string;
  eventId: string;
  type: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempts: number;
}

/** What a handler may use: the transaction that also marks the event done, and the time. */
export interface HandlerContext {
  tx: Prisma.TransactionClient;
  now: Date;
}

/**
 * Does one event's work. Its writes go through `ctx.tx`, the transaction that marks the event
 * done, so they happen exactly once: a throw rolls them back and the event is retried later.
 */
export type WebhookHandler = (event: InboxEvent, ctx: HandlerContext) => Promise<void>;

/** provider -> event type -> handler. An event of a type without a handler is marked `ignored`. */
export type HandlerRegistry = Readonly<Record<string, Readonly<Record<string, WebhookHandler>>>>;

/** The handlers that ship with Easel; docs/webhooks.md shows how to add one. */
export const WEBHOOK_HANDLERS: HandlerRegistry = {
  stripe: {
    'checkout.session.completed': applyCheckoutPlan,
    // Bank debits and vouchers complete unpaid; this one follows when the money arrives.
    'checkout.session.async_payment_succeeded': applyCheckoutPlan,
  },
};

/** The handler for an event, if one is registered (own keys only: a type is data from outside). */
export function findHandler(registry: HandlerRegistry, provider: string, type: string): WebhookHandler | undefined {
  const byType = Object.hasOwn(registry, provider) ? registry[provider] : undefined;
  return byType && Object.hasOwn(byType, type) ? byType[type] : undefined;
}
