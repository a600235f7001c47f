import { isBoxShape, type PathShape, type Point, type Shape } from './shapes';

/** An axis-aligned rectangle. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEGREES = Math.PI / 180;

export function rotatePoint(point: Point, degrees: number): Point {
  if (degrees === 0) return point;
  const cos = Math.cos(degrees * DEGREES);
  const sin = Math.sin(degrees * DEGREES);
  return { x: point.x * cos - point.y * sin, y: point.x * sin + point.y * cos };
}

/** The smallest box around some points. */
export function boundsOfPoints(points: readonly Point[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** A shape's box in its own coordinates (before rotation, relative to its origin), without stroke. */
export function localBounds(shape: Shape): Bounds {
  if (isBoxShape(shape)) return { x: 0, y: 0, width: shape.width, height: shape.height };
  const { points } = shape;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Arrowheads are sized from the stroke so bold arrows keep proportion. */
export const arrowHeadLength = (strokeWidth: number): number => Math.max(10, strokeWidth * 4);

/** How far a shape paints outside its geometry: half the stroke, plus an arrowhead's wings. */
export function paintPadding(shape: Shape): number {
  const half = shape.strokeWidth / 2;
  return shape.type === 'arrow' ? half + arrowHeadLength(shape.strokeWidth) : half;
}

/** The two wing tips of an arrowhead at the end of the arrow's last segment, or null if degenerate. */
export function arrowHeadWings(shape: PathShape): [Point, Point] | null {
  const p = shape.points;
  const n = p.length;
  if (n < 4) return null;
  const tip = { x: p[n - 2]!, y: p[n - 1]! };
  // The last point that differs from the tip gives the direction.
  for (let i = n - 4; i >= 0; i -= 2) {
    const dx = tip.x - p[i]!;
    const dy = tip.y - p[i + 1]!;
    const length = Math.hypot(dx, dy);
    if (length < 1e-6) continue;
    const size = Math.min(arrowHeadLength(shape.strokeWidth), length * 0.75);
    const back = { x: (-dx / length) * size, y: (-dy / length) * size };
    const left = rotatePoint(back, 28);
    const right = rotatePoint(back, -28);
    return [
      { x: tip.x + left.x, y: tip.y + left.y },
      { x: tip.x + right.x, y: tip.y + right.y },
    ];
  }
  return null;
}

/** The axis-aligned box a shape paints in the world, rotation and stroke included. */
export function worldBounds(shape: Shape): Bounds {
  const local = localBounds(shape);
  const pad = paintPadding(shape);
  const corners = [
    { x: local.x - pad, y: local.y - pad },
    { x: local.x + local.width + pad, y: local.y - pad },
    { x: local.x + local.width + pad, y: local.y + local.height + pad },
    { x: local.x - pad, y: local.y + local.height + pad },
  ].map((corner) => rotatePoint(corner, shape.rotation));
  const box = boundsOfPoints(corners);
  return { ...box, x: box.x + shape.x, y: box.y + shape.y };
}

export function unionBounds(boxes: readonly Bounds[]): Bounds | null {
  if (boxes.length === 0) return null;
  const corners = boxes.flatMap((b) => [
    { x: b.x, y: b.y },
    { x: b.x + b.width, y: b.y + b.height },
  ]);
  return boundsOfPoints(corners);
}

export const boundsOfShapes = (shapes: readonly Shape[]): Bounds | null => unionBounds(shapes.map(worldBounds));

export function intersects(a: Bounds, b: Bounds): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

export function contains(outer: Bounds, inner: Bounds): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The rectangle two corners span, whichever way the drag went. */
export function boundsBetween(a: Point, b: Point): Bounds {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/** A world point in the shape's own coordinates (origin at x/y, rotation undone). */
export function toLocal(shape: Shape, world: Point): Point {
  return rotatePoint({ x: world.x - shape.x, y: world.y - shape.y }, -shape.rotation);
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
