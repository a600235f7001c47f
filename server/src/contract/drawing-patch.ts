/**
 * Applying a partial save to a drawing's shapes, and the bounds on the result. Pure, so the
 * server applies it to the stored copy and the client can check what it is about to send.
 */
import type { FieldError } from './errors.ts';
import { DRAWING_LIMITS, documentByteLength, type DrawingShape } from './shapes.ts';

export interface ShapePatch {
  added: readonly DrawingShape[];
  changed: readonly DrawingShape[];
  removed: readonly string[];
}

export type PatchResult = { ok: true; shapes: DrawingShape[] } | { ok: false; errors: FieldError[] };

const L = DRAWING_LIMITS;

/** Ids the patch names that the stored shapes contradict: new ids taken, changed or removed ids missing. */
function idProblems(stored: ReadonlySet<string>, patch: ShapePatch): FieldError[] {
  const errors: FieldError[] = [];
  patch.added.forEach(({ id }, i) => {
    if (stored.has(id)) errors.push({ path: `added.${i}.id`, message: `shape ${id} is already in the drawing` });
  });
  patch.changed.forEach(({ id }, i) => {
    if (!stored.has(id)) errors.push({ path: `changed.${i}.id`, message: `no shape ${id} in the drawing to change` });
  });
  patch.removed.forEach((id, i) => {
    if (!stored.has(id)) errors.push({ path: `removed.${i}`, message: `no shape ${id} in the drawing to remove` });
  });
  return errors;
}

/** The drawing-wide bounds, judged on the merged result (each shape was judged on its own already). */
function boundProblems(shapes: readonly DrawingShape[]): FieldError[] {
  const errors: FieldError[] = [];
  if (shapes.length > L.shapesPerDrawing) {
    errors.push({
      path: 'shapes',
      message: `the drawing would hold ${shapes.length} shapes; at most ${L.shapesPerDrawing}`,
    });
  }
  let points = 0;
  for (const shape of shapes) if ('points' in shape) points += shape.points.length / 2;
  if (points > L.pointsPerDrawing) {
    errors.push({ path: 'shapes', message: `the drawing would hold ${points} points; at most ${L.pointsPerDrawing}` });
  }
  const bytes = documentByteLength(shapes);
  if (bytes > L.documentBytes) {
    errors.push({
      path: 'shapes',
      message: `the shapes would take ${bytes} bytes of JSON; at most ${L.documentBytes}`,
    });
  }
  return errors;
}

/**
 * `stored` with the patch applied: changed shapes replace theirs in place, removed ones go, added
 * ones go on the end. Refused (nothing applied) when an id does not fit the stored drawing or the
 * result breaks a drawing-wide bound.
 */
export function applyShapePatch(stored: readonly DrawingShape[], patch: ShapePatch): PatchResult {
  const ids = new Set(stored.map((shape) => shape.id));
  const problems = idProblems(ids, patch);
  if (problems.length > 0) return { ok: false, errors: problems };
  const changed = new Map(patch.changed.map((shape) => [shape.id, shape]));
  const removed = new Set(patch.removed);
  const shapes = stored
    .filter((shape) => !removed.has(shape.id))
    .map((shape) => changed.get(shape.id) ?? shape)
    .concat(patch.added);
  const bounds = boundProblems(shapes);
  return bounds.length > 0 ? { ok: false, errors: bounds } : { ok: true, shapes };
}
