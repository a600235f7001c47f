import type { ShapePatch } from '../contract';
import { changedFields } from '../editor/shapeList';
import type { Shape } from '../editor/shapes';

/** A partial save: the shapes added, changed (whole) and removed (ids) since a saved copy. */
export interface ShapeChanges extends ShapePatch {
  added: Shape[];
  changed: Shape[];
  removed: string[];
}

/**
 * What turns `saved` into `current`. Shapes are immutable data, so an unchanged shape is the very
 * same object; a new object that differs in nothing (an undo back to the saved state) is not sent.
 */
export function diffShapes(saved: readonly Shape[], current: readonly Shape[]): ShapeChanges {
  const before = new Map(saved.map((shape) => [shape.id, shape]));
  const added: Shape[] = [];
  const changed: Shape[] = [];
  for (const shape of current) {
    const old = before.get(shape.id);
    before.delete(shape.id);
    if (!old) added.push(shape);
    else if (old !== shape && changedFields(old, shape)) changed.push(shape);
  }
  return { added, changed, removed: [...before.keys()] };
}

export const countChanges = (changes: ShapePatch): number =>
  changes.added.length + changes.changed.length + changes.removed.length;

/**
 * A draft's changes laid over the server's shapes, whatever version they are at: removed ids go,
 * changed and added shapes take their place (or come back, if the server removed them meanwhile).
 * When unsure, keep the person's work.
 */
export function layChangesOver(base: readonly Shape[], changes: ShapePatch): Shape[] {
  const byId = new Map(base.map((shape) => [shape.id, shape]));
  for (const id of changes.removed) byId.delete(id);
  for (const shape of [...changes.changed, ...changes.added]) byId.set(shape.id, shape);
  return [...byId.values()];
}
