import { recordAudit } from '../audit/audit.ts';
import type { WebhookEventStatus, WebhookEventView } from '../contract/webhooks.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { afterCursor, toPage } from '../db/keyset.ts';
import type { WebhookEvent } from '../generated/prisma/client.ts';
import type { ListEventsQuery } from './webhooks.schemas.ts';

/** The inbox for admins, newest first, by status and provider; payloads are not listed. */
export async function listEvents(db: Db, query: ListEventsQuery) {
  const rows = await db.webhookEvent.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.provider ? { provider: query.provider } : {}),
      ...afterCursor('receivedAt', query.cursor),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    omit: { payload: true },
  });
  const page = toPage(rows, query.limit, (event) => event.receivedAt);
  return { items: page.items.map(toEventView), nextCursor: page.nextCursor };
}

/** Gives a failed event a fresh set of attempts, due now; audited. */
export async function retryEvent(db: Db, by: Actor, id: string, now: Date): Promise<Outcome<WebhookEventView>> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookEvent.updateMany({
      where: { id, status: 'failed' },
      data: { status: 'pending', attempts: 0, nextAttemptAt: now },
    });
    const event = await tx.webhookEvent.findUnique({ where: { id }, omit: { payload: true } });
    if (!event) return refuse('not_found', 'No such webhook event');
    if (count === 0)
      return refuse('webhook_not_failed', `The event is ${event.status}: only failed events are retried`);
    const data = { provider: event.provider, eventId: event.eventId, type: event.type };
    await recordAudit(tx, by.request, { type: 'webhook.retried', actorId: by.userId, data });
    return succeed(toEventView(event));
  });
}

function toEventView(event: Omit<WebhookEvent, 'payload'>): WebhookEventView {
  return {
    id: event.id,
    provider: event.provider,
    eventId: event.eventId,
    type: event.type,
    status: event.status as WebhookEventStatus,
    attempts: event.attempts,
    lastError: event.lastError,
    receivedAt: event.receivedAt.toISOString(),
    nextAttemptAt: event.nextAttemptAt.toISOString(),
    processedAt: event.processedAt?.toISOString() ?? null,
  };
}
