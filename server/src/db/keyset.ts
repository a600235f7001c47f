/**
 * Keyset pagination on (timestamp desc, id desc): rows strictly after the cursor. Stable under
 * inserts, and every page is one index range scan (docs/queries.md).
 */
export interface CursorPosition {
  at: Date;
  id: string;
}

/** Opaque to clients: the sort key of the last item, base64url JSON. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** The where-clause for the rows after `cursor` (none: from the start). */
export function afterCursor<K extends string>(field: K, cursor: CursorPosition | undefined) {
  if (!cursor) return {};
  const { at, id } = cursor;
  // The `<= at` bound keeps deep pages an index range scan (docs/queries.md).
  return { [field]: { lte: at }, OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: id } }] } as Record<
    string,
    unknown
  >;
}

/** Takes `limit + 1` rows to learn whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, sortKey: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: sortKey(last), id: last.id }) : null;
  return { items, nextCursor };
}
