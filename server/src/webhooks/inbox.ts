/**
 * The inbox table's state changes, each one statement or one transaction, so that any number of
 * instances can share it: store once, claim atomically, finish exactly once.
 */
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { InboxEvent } from './handlers.ts';

export interface Delivery {
  provider: string;
  eventId: string;
  type: string;
  payload: Prisma.InputJsonValue;
}

/**
 * Stores a verified delivery unless its (provider, event id) is in the inbox already:
 * INSERT ... ON CONFLICT DO NOTHING, so that concurrent repeats on any instance store one row.
 */
export async function storeDelivery(db: Db, delivery: Delivery, now: Date): Promise<{ duplicate: boolean }> {
  const { count } = await db.webhookEvent.createMany({
    data: [{ ...delivery, receivedAt: now, nextAttemptAt: now }],
    skipDuplicates: true,
  });
  return { duplicate: count === 0 };
}

/**
 * Claims the pending event that has waited longest, if one is due: counts the attempt and moves
 * `next_attempt_at` to the end of the claim's lease, in one statement. SKIP LOCKED lets
 * concurrent workers each take a different row; a worker that dies mid-way leaves the row to be
 * claimed again once the lease has run out.
 */
export async function claimNext(db: Db, now: Date, leaseEnd: Date): Promise<InboxEvent | undefined> {
  const rows = await db.$queryRaw<InboxEvent[]>`
    UPDATE webhook_events SET attempts = attempts + 1, next_attempt_at = ${leaseEnd}
    WHERE id = (
      SELECT id FROM webhook_events
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, provider, event_id AS "eventId", type, payload, attempts`;
  return rows[0];
}

/**
 * Locks the claimed row for the rest of the transaction, if the claim is still this worker's:
 * a worker whose lease ran out (a handler slower than the lease) finds the attempt count moved
 * on, and gives up instead of finishing the event a second time.
 */
export async function holdClaim(tx: Prisma.TransactionClient, event: InboxEvent): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM webhook_events
    WHERE id = ${event.id}::uuid AND status = 'pending' AND attempts = ${event.attempts}
    FOR UPDATE`;
  return rows.length === 1;
}

/** Marks a held event done (its handler ran) or ignored (it has none). */
export async function finishEvent(
  tx: Prisma.TransactionClient,
  event: InboxEvent,
  status: 'done' | 'ignored',
  now: Date,
): Promise<void> {
  await tx.webhookEvent.update({ where: { id: event.id }, data: { status, processedAt: now, lastError: null } });
}

/**
 * Records a failed attempt, if the claim is still this worker's: the next attempt after
 * `retryAt`, or none (`failed`) when the attempts are used up. True when it did.
 */
export async function recordAttemptFailure(
  tx: Prisma.TransactionClient,
  event: InboxEvent,
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const { count } = await tx.webhookEvent.updateMany({
    where: { id: event.id, status: 'pending', attempts: event.attempts },
    data: retryAt ? { nextAttemptAt: retryAt, lastError: error } : { status: 'failed', lastError: error },
  });
  return count === 1;
}
