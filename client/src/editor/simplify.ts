import { LIMITS } from './shapes';

/** Squared distance from point i to the segment a-b, all given as indexes of [x, y] pairs. */
function segmentDistanceSquared(points: readonly number[], i: number, a: number, b: number): number {
  const ax = points[a * 2]!;
  const ay = points[a * 2 + 1]!;
  const dx = points[b * 2]! - ax;
  const dy = points[b * 2 + 1]! - ay;
  const px = points[i * 2]! - ax;
  const py = points[i * 2 + 1]! - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSquared));
  const ex = px - t * dx;
  const ey = py - t * dy;
  return ex * ex + ey * ey;
}

/**
 * Ramer–Douglas–Peucker on a flat [x1, y1, x2, y2, ...] list: keeps the points that the line
 * would otherwise miss by more than `tolerance`, always the first and the last. Iterative, so a
 * long stroke cannot overflow the stack.
 */
export function simplifyPoints(points: readonly number[], tolerance: number): number[] {
  const count = points.length / 2;
  if (count <= 2) return points.slice();
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[count - 1] = 1;
  const limit = tolerance * tolerance;
  const stack: [number, number][] = [[0, count - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = limit;
    for (let i = first + 1; i < last; i += 1) {
      const distance = segmentDistanceSquared(points, i, first, last);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) if (keep[i]) result.push(points[i * 2]!, points[i * 2 + 1]!);
  return result;
}

/**
 * A pen stroke decimated for storage: simplified within `tolerance`, then more coarsely until it
 * fits the server's points-per-shape limit. Freehand strokes sampled at 60 Hz drop to a fifth or
 * less of their points at a tolerance under a screen pixel, so a day's drawing fits the drawing's
 * point budget.
 */
export function simplifyStroke(points: readonly number[], tolerance: number, maxPoints = LIMITS.pointsPerShape) {
  let result = simplifyPoints(points, tolerance);
  let widened = tolerance;
  while (result.length / 2 > maxPoints) {
    widened = Math.max(widened * 2, 0.5);
    result = simplifyPoints(points, widened);
  }
  return result;
}
