import { z } from 'zod';
import { recordAudit } from '../../audit/audit.ts';
import type { HandlerContext, InboxEvent } from '../handlers.ts';

/** Plan names are short slugs chosen by the product (`pro`, `team`), set as Checkout metadata. */
const PlanName = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be a short lower-case slug');

/**
 * The part of a Stripe `checkout.session.*` event this handler reads. The app creates the
 * Checkout Session with `client_reference_id: <user id>` and `metadata: { plan: "<plan>" }`.
 */
const CheckoutSessionEvent = z.object({
  data: z.object({
    object: z.object({
      id: z.string(),
      client_reference_id: z.uuid(),
      payment_status: z.string(),
      metadata: z.object({ plan: PlanName }),
    }),
  }),
});

// `unpaid` sessions (a bank debit still on its way) get their plan from the async_payment_succeeded event.
const SETTLED = new Set(['paid', 'no_payment_required']);

/** Gives the paying user the plan their Checkout Session bought. */
export async function applyCheckoutPlan(event: InboxEvent, { tx }: HandlerContext): Promise<void> {
  const session = CheckoutSessionEvent.parse(event.payload).data.object;
  if (!SETTLED.has(session.payment_status)) return;
  const userId = session.client_reference_id;
  const { plan } = session.metadata;
  const { count } = await tx.user.updateMany({ where: { id: userId }, data: { plan } });
  // Thrown, so that the event ends up failed and visible to admins rather than silently dropped.
  if (count === 0) throw new Error(`Checkout Session ${session.id} names no existing user (${userId})`);
  await recordAudit(tx, null, {
    type: 'user.plan_changed',
    userId,
    data: { plan, provider: event.provider, eventId: event.eventId },
  });
}
