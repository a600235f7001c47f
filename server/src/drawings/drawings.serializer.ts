import type { DrawingShape } from '../contract/shapes.ts';
import type { DrawingSummary, PublicDrawing } from '../contract/drawings.ts';
import type { Drawing } from '../generated/prisma/client.ts';

/** The columns a list reads: never `shapes`, so a page does not drag every document along. */
export type DrawingSummaryRow = Pick<Drawing, 'id' | 'title' | 'version' | 'createdAt' | 'updatedAt'>;

/** A list item. Fields are listed, not spread, so a column added later cannot leak by default. */
export function toDrawingSummary(row: DrawingSummaryRow): DrawingSummary {
  return {
    id: row.id,
    title: row.title,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The one way a whole drawing leaves the server. `shapes` were validated on the way in. */
export function toPublicDrawing(row: Drawing): PublicDrawing {
  return {
    id: row.id,
    title: row.title,
    shapes: row.shapes as DrawingShape[],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
