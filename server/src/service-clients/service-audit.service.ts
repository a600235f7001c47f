import { recordAudit } from '../audit/audit.ts';
import type { ServiceAuditEventBody, ServiceAuditEventView } from '../contract/service-clients.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { RequestContext } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * An event another service reports into Easel's audit log. Its type is namespaced
 * (`service.<type>`) so that it can never pass for one of Easel's own events, and the client
 * that wrote it is recorded as the actor.
 */
export async function writeServiceAuditEvent(
  db: Db,
  by: { clientId: string; request: RequestContext },
  body: ServiceAuditEventBody,
): Promise<Outcome<ServiceAuditEventView>> {
  if (body.userId && !(await db.user.findUnique({ where: { id: body.userId }, select: { id: true } }))) {
    return refuse('not_found', 'No such user');
  }
  const type = `service.${body.type}` as const;
  const event = await recordAudit(db, by.request, {
    type,
    userId: body.userId ?? null,
    actorId: by.clientId,
    data: { clientId: by.clientId, ...(body.data ?? {}) } as Prisma.InputJsonValue,
  });
  return succeed({ id: event.id.toString(), type, createdAt: event.createdAt.toISOString() });
}
