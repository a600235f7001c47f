/** Drawings as the API takes and returns them. */
import { z } from 'zod';
import { DRAWING_LIMITS, DrawingShapes } from './shapes.ts';
import { isStorableText, STORABLE_TEXT_MESSAGE } from './text.ts';

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

const Timestamp = z.iso.datetime();

/** A list item: a drawing without its shapes. */
export const DrawingSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  version: DrawingVersion,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const DrawingResponse = DrawingSummary.extend({ shapes: DrawingShapes });

export type CreateDrawingBody = z.infer<typeof CreateDrawingBody>;
export type UpdateDrawingBody = z.infer<typeof UpdateDrawingBody>;
export type DrawingSummary = z.infer<typeof DrawingSummary>;
export type PublicDrawing = z.infer<typeof DrawingResponse>;
