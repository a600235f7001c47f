/** Drawings as the API takes and returns them. */
import { z } from 'zod';
import { Timestamp } from './timestamps.ts';
import { DRAWING_LIMITS, DrawingShape, DrawingShapes, ShapeId } from './shapes.ts';
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
export type CreateDrawingBody = z.infer<typeof CreateDrawingBody>;

/** `version` is the optimistic-concurrency precondition (or send `If-Match`); one of them is required. */
export const UpdateDrawingBody = z
  .strictObject({ title: DrawingTitle, shapes: DrawingShapes, version: DrawingVersion })
  .partial()
  .refine((b) => b.title !== undefined || b.shapes !== undefined, {
    message: 'send title, shapes or both',
    path: ['shapes'],
  });
export type UpdateDrawingBody = z.infer<typeof UpdateDrawingBody>;

/** Each shape id at most once in a patch: added, changed and removed say different things. */
function checkPatchIds(
  patch: { added: DrawingShape[]; changed: DrawingShape[]; removed: string[] },
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  const lists = [
    ['added', patch.added.map((shape) => shape.id)],
    ['changed', patch.changed.map((shape) => shape.id)],
    ['removed', patch.removed],
  ] as const;
  for (const [list, ids] of lists) {
    ids.forEach((id, index) => {
      if (seen.has(id)) {
        const path = list === 'removed' ? [list, index] : [list, index, 'id'];
        ctx.addIssue({ code: 'custom', path, message: `shape ${id} appears more than once in the patch` });
      }
      seen.add(id);
    });
  }
}

const patchList = <T extends z.ZodType>(item: T) => z.array(item).max(DRAWING_LIMITS.shapesPerDrawing).default([]);

/**
 * The partial save: what changed since `version` (or If-Match). `added` are new shapes, `changed`
 * whole shapes that replace the stored shape with the same id, `removed` ids. The server applies
 * them to the stored drawing and bounds the merged result (`applyShapePatch`).
 */
export const PatchDrawingBody = z
  .strictObject({
    version: DrawingVersion.optional(),
    title: DrawingTitle.optional(),
    added: patchList(DrawingShape),
    changed: patchList(DrawingShape),
    removed: patchList(ShapeId),
  })
  .superRefine(checkPatchIds, { when: (payload) => payload.issues.length === 0 })
  .refine((b) => b.title !== undefined || b.added.length + b.changed.length + b.removed.length > 0, {
    message: 'send title, added, changed or removed',
    path: ['added'],
  });
export type PatchDrawingBody = z.infer<typeof PatchDrawingBody>;
/** What a client sends: the lists may be left out. */
export type PatchDrawingInput = z.input<typeof PatchDrawingBody>;

/** A list item: a drawing without its shapes. */
export const DrawingSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  version: DrawingVersion,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type DrawingSummary = z.infer<typeof DrawingSummary>;

export const DrawingResponse = DrawingSummary.extend({ shapes: DrawingShapes });
export type PublicDrawing = z.infer<typeof DrawingResponse>;
