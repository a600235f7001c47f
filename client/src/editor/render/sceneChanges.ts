import type { Bounds } from '../geometry';
import type { Shape } from '../shapes';

/** Past this many changed areas a full redraw is as cheap as redrawing each of them. */
export const MAX_DIRTY_AREAS = 64;

/**
 * The world areas that look different after the document went from `before` to `after`: where
 * each changed, added or removed shape was and now is. Null when so much changed that the whole
 * scene should be redrawn. Unchanged shapes are the same objects, so comparing references is
 * enough (and cheap next to drawing).
 */
export function changedAreas(
  before: readonly Shape[],
  after: readonly Shape[],
  boundsOf: (shape: Shape) => Bounds,
): Bounds[] | null {
  if (before.length === 0 || Math.abs(before.length - after.length) > MAX_DIRTY_AREAS) return null;
  const previous = new Map(before.map((shape) => [shape.id, shape]));
  const areas: Bounds[] = [];
  for (const shape of after) {
    const old = previous.get(shape.id);
    previous.delete(shape.id);
    if (old === shape) continue;
    areas.push(boundsOf(shape));
    if (old) areas.push(boundsOf(old));
    if (areas.length > MAX_DIRTY_AREAS) return null;
  }
  for (const removed of previous.values()) areas.push(boundsOf(removed));
  return areas.length > MAX_DIRTY_AREAS ? null : areas;
}
