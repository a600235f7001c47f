import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type {
  CreatedServiceClient,
  CreateServiceClientBody,
  ServiceClientView,
  ServiceScope,
} from '../contract/service-clients.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { afterCursor, toPage } from '../db/keyset.ts';
import type { ListServiceClientsQuery } from './service-clients.schemas.ts';

type Deps = Pick<AppContext, 'db' | 'secrets'>;

interface ServiceClientRow {
  id: string;
  name: string;
  scopes: string[];
  createdById: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

// What is ever read back for display: never the sealed secret.
const VIEW = { id: true, name: true, scopes: true, createdById: true, createdAt: true, revokedAt: true } as const;

/** The one serializer of a client: the secret is not part of it. */
export function toServiceClientView(row: ServiceClientRow): ServiceClientView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as ServiceScope[],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** 256 random bits; the prefix lets secret scanners and the log redaction recognise it. */
function generateSecret(): string {
  return `esk_${randomBytes(32).toString('base64url')}`;
}

/**
 * Creates a client; the answer is the only place its secret ever appears in the clear. Its route
 * first checks that the secret can be sealed for good (`requireSealingKeys`).
 */
export async function createServiceClient(
  deps: Deps,
  by: Actor,
  body: CreateServiceClientBody,
): Promise<Outcome<CreatedServiceClient>> {
  const id = randomUUID();
  const secret = generateSecret();
  const { keyId, sealed } = deps.secrets.seal(secret, id);
  const row = await deps.db.$transaction(async (tx) => {
    const created = await tx.serviceClient.create({
      data: {
        id,
        name: body.name,
        scopes: body.scopes,
        secretKeyId: keyId,
        secretSealed: sealed,
        createdById: by.userId,
      },
      select: VIEW,
    });
    await recordAudit(tx, by.request, {
      type: 'service_client.created',
      actorId: by.userId,
      data: { clientId: id, name: body.name, scopes: body.scopes },
    });
    return created;
  });
  return succeed({ ...toServiceClientView(row), secret });
}

/** Newest first, revoked ones included (they stay for the record). */
export async function listServiceClients(db: Db, query: ListServiceClientsQuery) {
  const rows = await db.serviceClient.findMany({
    where: afterCursor('createdAt', query.cursor),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: VIEW,
  });
  const page = toPage(rows, query.limit, (r) => r.createdAt);
  return { items: page.items.map(toServiceClientView), nextCursor: page.nextCursor };
}

/**
 * Revokes a client at once (its next request is refused) and erases its sealed secret, so not
 * even the keys can bring it back. Revoking a revoked client changes nothing.
 */
export async function revokeServiceClient(deps: Deps, by: Actor, id: string, now: Date): Promise<Outcome<null>> {
  const existing = await deps.db.serviceClient.findUnique({ where: { id }, select: VIEW });
  if (!existing) return refuse('not_found', 'No such service client');
  if (existing.revokedAt) return succeed(null);
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.serviceClient.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now, secretKeyId: null, secretSealed: null },
    });
    if (count === 1) {
      await recordAudit(tx, by.request, {
        type: 'service_client.revoked',
        actorId: by.userId,
        data: { clientId: id, name: existing.name },
      });
    }
  });
  return succeed(null);
}
