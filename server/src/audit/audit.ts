import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { RequestContext } from '../core/request-context.ts';

/** Security events written to the audit_events table; names are part of the docs. */
export type AuditEventType =
  | 'user.registered'
  | 'login.succeeded'
  | 'login.failed'
  | 'refresh.reused'
  | 'logout'
  | 'logout.refused'
  | 'logout.all'
  | 'session.revoked'
  | 'password.changed'
  | 'role.created'
  | 'role.deleted'
  | 'role.granted'
  | 'role.revoked'
  | 'user.deactivated'
  | 'user.activated'
  | 'user.deleted'
  | 'user.updated'
  | 'user.plan_changed'
  | 'webhook.failed'
  | 'webhook.retried'
  | 'identity.linked'
  | 'identity.unlinked'
  | 'service_client.created'
  | 'service_client.revoked'
  /** Written by a service client with the audit:write scope. */
  | `service.${string}`;

export interface AuditEntry {
  type: AuditEventType;
  /** Whom the event is about. */
  userId?: string | null | undefined;
  /** Who did it, when someone else (an admin) acted. */
  actorId?: string | null | undefined;
  data?: Prisma.InputJsonValue;
}

/**
 * Records one security event with the request's ip, user agent and id; `null` for events no
 * request caused (a webhook event processed in the background).
 */
export async function recordAudit(
  db: Db | Prisma.TransactionClient,
  ctx: RequestContext | null,
  entry: AuditEntry,
): Promise<{ id: bigint; createdAt: Date }> {
  return db.auditEvent.create({
    select: { id: true, createdAt: true },
    data: {
      type: entry.type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      ip: ctx?.ip ?? null,
      userAgent: ctx?.userAgent ?? null,
      requestId: ctx?.requestId ?? null,
      ...(entry.data === undefined ? {} : { data: entry.data }),
    },
  });
}
