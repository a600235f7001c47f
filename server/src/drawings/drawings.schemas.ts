import { z } from 'zod';
import { PageQuery } from '../http/pagination.ts';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../http/storable-text.ts';
import { DRAWING_LIMITS, DrawingShapes } from './shapes.schemas.ts';

/** Ids are uuids: anything else is a 422 before the database is asked (docs/drawings.md). */
export const DrawingParams = z.object({ id: z.uuid() });

export const ListDrawingsQuery = PageQuery.strict();

export const DrawingTitle = z
  .string()
  .trim()
  .min(1)
  .max(DRAWING_LIMITS.titleLength)
  .refine(isStorableText, STORABLE_TEXT_MESSAGE);

/** Drawing versions live in PostgreSQL's int4. */
export const DrawingVersion = z.number().int().min(1).max(2_147_483_647);

/** Only what a client may set: the id, owner, version and timestamps are the server's. */
export const CreateDrawingBody = z.strictObject({
  title: DrawingTitle,
  shapes: DrawingShapes.default([]),
});

/** `version` is the optimistic-concurrency precondition (or send `If-Match`); one of them is required. */
export const UpdateDrawingBody = z
  .strictObject({
    title: DrawingTitle.optional(),
    shapes: DrawingShapes.optional(),
    version: DrawingVersion.optional(),
  })
  .refine((b) => b.title !== undefined || b.shapes !== undefined, {
    message: 'send title, shapes or both',
    path: ['shapes'],
  });

export type ListDrawingsQuery = z.infer<typeof ListDrawingsQuery>;
export type CreateDrawingBody = z.infer<typeof CreateDrawingBody>;
export type UpdateDrawingBody = z.infer<typeof UpdateDrawingBody>;
