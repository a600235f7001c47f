import type { Drawing } from '../generated/prisma/client.ts';
import type { DrawingShape } from './shapes.schemas.ts';

/** The columns a list reads: never `shapes`, so a page does not drag every document along. */
export const drawingSummaryColumns = {
  id: true,
  title: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

type DrawingSummaryRow = Pick<Drawing, keyof typeof drawingSummaryColumns>;

export interface DrawingSummary {
  id: string;
  title: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PublicDrawing extends DrawingSummary {
  shapes: DrawingShape[];
}

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

/** The strong validator of a drawing: its version, quoted. */
export function drawingEtag(row: Pick<Drawing, 'version'>): string {
  return `"${row.version}"`;
}
