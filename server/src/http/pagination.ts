import { z } from 'zod';
import { HttpError } from './http-error.ts';

/** `?limit=&cursor=` for every list; lists answer `{ items, nextCursor }`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export interface CursorPosition {
  at: Date;
  id: string;
}

/** Opaque to clients: the sort key of the last item, base64url JSON. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

const CursorJson = z.tuple([z.iso.datetime(), z.uuid()]);

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = CursorJson.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { at: new Date(at), id };
  } catch {
    throw new HttpError('validation_failed', 'The cursor is not one this API issued', {
      errors: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  }
}

/**
 * Keyset pagination on (timestamp desc, id desc): rows strictly after the cursor. Stable under
 * inserts, and every page is one index range scan.
 */
export function afterCursor<K extends string>(field: K, cursor: string | undefined) {
  if (!cursor) return {};
  const { at, id } = decodeCursor(cursor);
  return { OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: id } }] } as Record<
    'OR',
    Array<Record<string, unknown>>
  >;
}

/** Takes `limit + 1` rows to learn whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, sortKey: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: sortKey(last), id: last.id }) : null;
  return { items, nextCursor };
}
