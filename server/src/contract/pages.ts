import { z } from 'zod';

/** Lists answer one page: pass `nextCursor` back as `cursor` until it is null. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?limit=` bounds of every list. */
export const PAGE_LIMITS = { default: 20, max: 100 } as const;
