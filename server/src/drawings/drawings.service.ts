import type { Db } from '../db/client.ts';
import type { Drawing, Prisma } from '../generated/prisma/client.ts';
import type { CreateDrawingBody, UpdateDrawingBody } from '../contract/drawings.ts';
import { afterCursor, toPage } from '../db/keyset.ts';
import type { ListDrawingsQuery } from './drawings.schemas.ts';
import { drawingSummaryColumns, toDrawingSummary } from './drawings.serializer.ts';

/**
 * What a write must find to go ahead. `version` comes from the body, `ifMatch` from the header:
 * the versions it names, or `any` for `If-Match: *`. Both must hold when both are sent.
 */
export interface Preconditions {
  version?: number | undefined;
  ifMatch?: number[] | 'any' | undefined;
}

/** Why a guarded write did not happen; the route picks the status. */
export type WriteRefusal =
  { ok: false; reason: 'not_found' } | { ok: false; reason: 'if_match_failed' | 'version_stale'; current: Drawing };

export type WriteOutcome<T> = { ok: true; value: T } | WriteRefusal;

/** The caller's drawings, most recently updated first, without their shapes. */
export async function listDrawings(db: Db, ownerId: string, query: ListDrawingsQuery) {
  const rows = await db.drawing.findMany({
    where: { ownerId, ...afterCursor('updatedAt', query.cursor) },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: drawingSummaryColumns,
  });
  const page = toPage(rows, query.limit, (d) => d.updatedAt);
  return { items: page.items.map(toDrawingSummary), nextCursor: page.nextCursor };
}

export async function createDrawing(db: Db, ownerId: string, body: CreateDrawingBody): Promise<Drawing> {
  return db.drawing.create({ data: { ownerId, title: body.title, shapes: body.shapes } });
}

/** The drawing if the caller owns it; someone else's drawing is as absent as a missing one. */
export async function findDrawing(db: Db, ownerId: string, id: string): Promise<Drawing | null> {
  return db.drawing.findFirst({ where: { id, ownerId } });
}

/**
 * Compare-and-set in one statement: UPDATE ... WHERE id, owner and version match, bumping the
 * version. Two writers from the same version cannot both win, whatever the timing; reading first
 * and writing after would let the second overwrite the first.
 *
 * Raw SQL rather than `updateManyAndReturn`: Prisma 6.19's query compiler walks every value of
 * a Json argument, and a 500-shape document cost 27 ms of CPU per save that way against 7 ms as
 * one jsonb parameter (docs/benchmarks.md). The shapes were validated by the route's schema.
 */
export async function updateDrawing(
  db: Db,
  ownerId: string,
  id: string,
  changes: Omit<UpdateDrawingBody, 'version'>,
  preconditions: Preconditions,
): Promise<WriteOutcome<Drawing>> {
  const shapes = changes.shapes === undefined ? null : JSON.stringify(changes.shapes);
  const { version = null, ifMatch } = preconditions;
  const versions = Array.isArray(ifMatch) ? ifMatch : null;
  const [updated] = await db.$queryRaw<Drawing[]>`
    UPDATE drawings
    SET title = coalesce(${changes.title ?? null}, title), shapes = coalesce(${shapes}::jsonb, shapes),
        version = version + 1, updated_at = now()
    WHERE id = ${id}::uuid AND owner_id = ${ownerId}::uuid
      AND (${version}::int IS NULL OR version = ${version}::int)
      AND (${versions}::int[] IS NULL OR version = ANY(${versions}::int[]))
    RETURNING id, owner_id AS "ownerId", title, shapes, version, created_at AS "createdAt", updated_at AS "updatedAt"`;
  if (updated) return { ok: true, value: updated };
  return explainRefusal(db, ownerId, id, preconditions);
}

/** Deletes in one statement, honouring If-Match when sent. */
export async function deleteDrawing(
  db: Db,
  ownerId: string,
  id: string,
  preconditions: Preconditions,
): Promise<WriteOutcome<null>> {
  const { count } = await db.drawing.deleteMany({ where: { id, ownerId, version: versionFilter(preconditions) } });
  if (count === 1) return { ok: true, value: null };
  return explainRefusal(db, ownerId, id, preconditions);
}

function versionFilter({ version, ifMatch }: Preconditions): Prisma.DrawingWhereInput['version'] {
  return {
    ...(version === undefined ? {} : { equals: version }),
    ...(Array.isArray(ifMatch) ? { in: ifMatch } : {}),
  };
}

/**
 * After a write matched no row: missing (or not the caller's), or a precondition failed. If-Match
 * is judged first, as HTTP evaluates it before the request content.
 */
async function explainRefusal(db: Db, ownerId: string, id: string, p: Preconditions): Promise<WriteRefusal> {
  const current = await findDrawing(db, ownerId, id);
  if (!current) return { ok: false, reason: 'not_found' };
  const ifMatchFailed = Array.isArray(p.ifMatch) && !p.ifMatch.includes(current.version);
  const reason = ifMatchFailed || p.version === undefined ? 'if_match_failed' : 'version_stale';
  return { ok: false, reason, current };
}
