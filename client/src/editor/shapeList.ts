import { normalizeShape } from './normalize';
import { countPoints, LIMITS, type Shape } from './shapes';
import type { ReorderDirection } from './editorActions';

/**
 * Pure operations on the document's shape list (z-order: last is on top). Every change to an
 * existing shape goes through `updateShapes`, which normalizes it and bumps its version; an
 * operation that changes nothing returns the very same array, so callers can tell.
 */

/** Whether two copies of a shape differ in anything but their version. */
export function changedFields(before: Shape, after: Shape): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (key === 'version') continue;
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((value, i) => value !== y[i])) return true;
    } else if (x !== y) return true;
  }
  return false;
}

/** The one path that changes existing shapes. */
export function updateShapes(shapes: Shape[], ids: Iterable<string>, change: (shape: Shape) => Shape): Shape[] {
  const wanted = new Set(ids);
  if (wanted.size === 0) return shapes;
  let result: Shape[] | null = null;
  shapes.forEach((shape, index) => {
    if (!wanted.has(shape.id)) return;
    const next = normalizeShape(change(shape));
    if (!changedFields(shape, next)) return;
    result ??= shapes.slice();
    result[index] = { ...next, version: Math.min(shape.version + 1, LIMITS.shapeVersion) };
  });
  return result ?? shapes;
}

/** Why `shapes` would not be accepted as a drawing's content, or null if it would. */
export function limitProblem(shapes: readonly Shape[]): string | null {
  if (shapes.length > LIMITS.shapesPerDrawing) {
    return `A drawing holds at most ${LIMITS.shapesPerDrawing.toLocaleString('en')} shapes.`;
  }
  if (countPoints(shapes) > LIMITS.pointsPerDrawing) {
    return `A drawing holds at most ${LIMITS.pointsPerDrawing.toLocaleString('en')} points of lines and strokes.`;
  }
  return null;
}

/** New shapes on top; ids already in use are skipped. */
export function addShapes(shapes: Shape[], added: readonly Shape[]): Shape[] {
  const ids = new Set(shapes.map((shape) => shape.id));
  let z = shapes.length > 0 ? shapes[shapes.length - 1]!.z + 1 : 0;
  const fresh: Shape[] = [];
  for (const shape of added) {
    if (ids.has(shape.id)) continue;
    ids.add(shape.id);
    fresh.push(normalizeShape({ ...shape, z: z++ }));
  }
  return fresh.length === 0 ? shapes : [...shapes, ...fresh];
}

export function deleteShapes(shapes: Shape[], ids: readonly string[]): Shape[] {
  const doomed = new Set(ids);
  const kept = shapes.filter((shape) => !doomed.has(shape.id));
  return kept.length === shapes.length ? shapes : kept;
}

/** One step towards the top: each selected shape swaps with the next unselected one above it. */
function stepForward(order: Shape[], selected: Set<string>): Shape[] {
  const result = order.slice();
  for (let i = result.length - 2; i >= 0; i -= 1) {
    const here = result[i]!;
    const above = result[i + 1]!;
    if (selected.has(here.id) && !selected.has(above.id)) {
      result[i] = above;
      result[i + 1] = here;
    }
  }
  return result;
}

function reorder(shapes: Shape[], selected: Set<string>, direction: ReorderDirection): Shape[] {
  const isSelected = (shape: Shape) => selected.has(shape.id);
  switch (direction) {
    case 'front':
      return [...shapes.filter((s) => !isSelected(s)), ...shapes.filter(isSelected)];
    case 'back':
      return [...shapes.filter(isSelected), ...shapes.filter((s) => !isSelected(s))];
    case 'forward':
      return stepForward(shapes, selected);
    case 'backward':
      return stepForward(shapes.slice().reverse(), selected).reverse();
  }
}

/** Changes the z-order; shapes whose place changed get their new `z` (and a new version). */
export function reorderShapes(shapes: Shape[], ids: readonly string[], direction: ReorderDirection): Shape[] {
  const selected = new Set(ids);
  const order = reorder(shapes, selected, direction);
  if (order.every((shape, i) => shape === shapes[i])) return shapes;
  const renumbered = order.map((shape, z) => ({ id: shape.id, z }));
  const byId = new Map(renumbered.map(({ id, z }) => [id, z]));
  return updateShapes(order, byId.keys(), (shape) => ({ ...shape, z: byId.get(shape.id) ?? shape.z }));
}

/** A loaded drawing in z-order (stable, so equal z keep their stored order). */
export function sortByZ(shapes: readonly Shape[]): Shape[] {
  return shapes
    .map((shape, index) => ({ shape, index }))
    .sort((a, b) => a.shape.z - b.shape.z || a.index - b.index)
    .map(({ shape }) => shape);
}
