import { z } from 'zod';
import { PageQuery } from '../http/pagination.ts';

export { CreateDrawingBody, PatchDrawingBody, UpdateDrawingBody } from '../contract/drawings.ts';

/** Ids are uuids: anything else is a 422 before the database is asked (docs/drawings.md). */
export const DrawingParams = z.object({ id: z.uuid() });

export const ListDrawingsQuery = PageQuery.strict();

export type ListDrawingsQuery = z.infer<typeof ListDrawingsQuery>;
