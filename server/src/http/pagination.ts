import { z } from 'zod';
import { PAGE_LIMITS } from '../contract/pages.ts';
import type { CursorPosition } from '../db/keyset.ts';

const CursorJson = z.tuple([z.iso.datetime(), z.uuid()]);

/** A cursor this API issued (db/keyset.ts), decoded at the edge; anything else is a 422. */
const Cursor = z
  .string()
  .max(200)
  .transform((cursor, ctx): CursorPosition => {
    try {
      const [at, id] = CursorJson.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      return { at: new Date(at), id };
    } catch {
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' });
      return z.NEVER;
    }
  });

/** `?limit=&cursor=` for every list; lists answer `{ items, nextCursor }`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMITS.max).default(PAGE_LIMITS.default),
  cursor: Cursor.optional(),
});
