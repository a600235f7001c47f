import { sqlPool, type Db } from '../db/client.ts';
import type { Drawing, Prisma } from '../generated/prisma/client.ts';
import { applyShapePatch } from '../contract/drawing-patch.ts';
import type { CreateDrawingBody, PatchDrawingBody, UpdateDrawingBody } from '../contract/drawings.ts';
import type { FieldError } from '../contract/errors.ts';
import type { DrawingShape } from '../contract/shapes.ts';
import { toPage } from '../db/keyset.ts';
import type { ListDrawingsQuery } from './drawings.schemas.ts';
import { toDrawingSummary, type DrawingSummaryRow } from './drawings.serializer.ts';

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
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'if_match_failed' | 'version_stale'; current: Drawing }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

export type WriteOutcome<T> = { ok: true; value: T } | WriteRefusal;

/**
 * A guarded write of one of the owner's drawings (`updateDrawing`, `patchDrawing`): `changes` are
 * saved only if the drawing meets `preconditions`; otherwise the refusal says why.
 */
export type DrawingWrite<C, T> = (
  db: Db,
  ownerId: string,
  id: string,
  changes: C,
  preconditions: Preconditions,
) => Promise<WriteOutcome<T>>;

/** What a whole save (PUT) changes, and what a partial save (PATCH) changes; the version is a precondition. */
export type Replacement = Omit<UpdateDrawingBody, 'version'>;
export type ShapePatch = Omit<PatchDrawingBody, 'version'>;

/** The caller's drawings, most recently updated first, without their shapes. */
// The owner's page in one statement on the pool (the list behind every visit to "My drawings"):
// one index range scan, as afterCursor gives Prisma for the other lists (docs/queries.md).
const DRAWINGS_PAGE = `
  SELECT id, title, version, created_at AS "createdAt", updated_at AS "updatedAt" FROM drawings
  WHERE owner_id = $1::uuid
    AND ($2::timestamptz IS NULL OR (updated_at <= $2 AND (updated_at < $2 OR id < $3::uuid)))
  ORDER BY updated_at DESC, id DESC LIMIT $4`;

export async function listDrawings(db: Db, ownerId: string, query: ListDrawingsQuery) {
  const { cursor, limit } = query;
  const { rows } = await sqlPool(db).query<DrawingSummaryRow>(DRAWINGS_PAGE, [
    ownerId,
    cursor?.at ?? null,
    cursor?.id ?? null,
    limit + 1,
  ]);
  const page = toPage(rows, limit, (d) => d.updatedAt);
  return { items: page.items.map(toDrawingSummary), nextCursor: page.nextCursor };
}

export async function createDrawing(db: Db, ownerId: string, body: CreateDrawingBody): Promise<Drawing> {
  return db.drawing.create({ data: { ownerId, title: body.title, shapes: body.shapes } });
}

// A whole drawing as Prisma's Drawing type names its fields.
const DRAWING_COLUMNS = `id, owner_id AS "ownerId", title, shapes, version, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** The drawing if the caller owns it; someone else's drawing is as absent as a missing one. */
export async function findDrawing(db: Db, ownerId: string, id: string): Promise<Drawing | null> {
  const { rows } = await sqlPool(db).query<Drawing>(
    `SELECT ${DRAWING_COLUMNS} FROM drawings WHERE id = $1::uuid AND owner_id = $2::uuid`,
    [id, ownerId],
  );
  return rows[0] ?? null;
}

/**
 * Compare-and-set in one statement: UPDATE ... WHERE id, owner and version match, bumping the
 * version. Two writers from the same version cannot both win, whatever the timing; reading first
 * and writing after would let the second overwrite the first.
 *
 * SQL on the pool rather than `updateManyAndReturn`: Prisma 6.19's query compiler walks every value of
 * a Json argument, and a 500-shape document cost 27 ms of CPU per save that way against 7 ms as
 * one jsonb parameter (docs/benchmarks.md). The shapes were validated by the route's schema.
 */
export const updateDrawing: DrawingWrite<Replacement, Drawing> = async (db, ownerId, id, changes, preconditions) => {
  const shapes = changes.shapes === undefined ? null : JSON.stringify(changes.shapes);
  const { version = null, ifMatch } = preconditions;
  const versions = Array.isArray(ifMatch) ? ifMatch : null;
  const { rows } = await sqlPool(db).query<Drawing>(
    `UPDATE drawings
     SET title = coalesce($3::text, title), shapes = coalesce($4::jsonb, shapes),
         version = version + 1, updated_at = now()
     WHERE id = $1::uuid AND owner_id = $2::uuid
       AND ($5::int IS NULL OR version = $5::int)
       AND ($6::int[] IS NULL OR version = ANY($6::int[]))
     RETURNING ${DRAWING_COLUMNS}`,
    [id, ownerId, changes.title ?? null, shapes, version, versions],
  );
  const updated = rows[0];
  if (updated) return { ok: true, value: updated };
  return explainRefusal(db, ownerId, id, preconditions);
};

/** What a partial save answers with: the drawing without its shapes (the client has them). */
export type SavedDrawing = Pick<Drawing, 'id' | 'title' | 'version' | 'createdAt' | 'updatedAt'>;

/**
 * The partial save. It reads the drawing, applies the patch to the stored shapes, bounds the
 * merged result, and writes it back with the same compare-and-set as `updateDrawing`, on the
 * version it read: a writer that got in between makes the UPDATE match no row, and the caller
 * gets the conflict, never a merge onto shapes it did not see. One UPDATE: all or nothing.
 */
export const patchDrawing: DrawingWrite<ShapePatch, SavedDrawing> = async (db, ownerId, id, patch, preconditions) => {
  const current = await findDrawing(db, ownerId, id);
  if (!current) return { ok: false, reason: 'not_found' };
  const refusal = judgePreconditions(current, preconditions);
  if (refusal) return refusal;
  const merged = applyShapePatch(current.shapes as DrawingShape[], patch);
  if (!merged.ok) return { ok: false, reason: 'invalid', errors: merged.errors };
  const updated = await writeShapes(db, current, JSON.stringify(merged.shapes), patch.title);
  if (updated) return { ok: true, value: updated };
  return explainRefusal(db, ownerId, id, preconditions);
};

/**
 * The compare-and-set UPDATE, in SQL: the shapes go as JSON text cast to jsonb and only the
 * summary comes back. Through Prisma's Json field a day-sized drawing (~5 MB) took 3.5x as long
 * to write, and RETURNING * would read it all back for nothing.
 */
async function writeShapes(db: Db, at: Drawing, shapesJson: string, title: string | undefined) {
  const { rows } = await sqlPool(db).query<SavedDrawing>(
    `UPDATE drawings
     SET shapes = $4::jsonb, title = coalesce($5::text, title), version = version + 1, updated_at = now()
     WHERE id = $1::uuid AND owner_id = $2::uuid AND version = $3
     RETURNING id, title, version, created_at AS "createdAt", updated_at AS "updatedAt"`,
    [at.id, at.ownerId, at.version, shapesJson, title ?? null],
  );
  return rows[0];
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
  // Met now but not at the write: another writer got in between.
  const raced = p.version === undefined ? 'if_match_failed' : 'version_stale';
  return judgePreconditions(current, p) ?? { ok: false, reason: raced, current };
}

/** Why `current` fails the preconditions, or null when it meets them. */
function judgePreconditions(current: Drawing, p: Preconditions): WriteRefusal | null {
  const ifMatchFailed = Array.isArray(p.ifMatch) && !p.ifMatch.includes(current.version);
  if (ifMatchFailed) return { ok: false, reason: 'if_match_failed', current };
  if (p.version !== undefined && p.version !== current.version) return { ok: false, reason: 'version_stale', current };
  return null;
}
