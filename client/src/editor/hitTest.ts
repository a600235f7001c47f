import { distanceToSegment, toLocal } from './geometry';
import type { PathShape, Point, Shape } from './shapes';

/**
 * How a point meets a shape: on what it paints (`painted`: its stroke, its fill, its text), or
 * only inside the outline of an unfilled rect or ellipse (`hollow`). Painted hits win; a hollow
 * hit still lets a click inside an empty rectangle select it when nothing painted is there.
 */
export type Hit = 'painted' | 'hollow' | null;

export const isFilled = (shape: Shape): boolean => shape.fill !== 'none' && shape.fill !== 'transparent';

function distanceToPath(shape: PathShape, p: Point): number {
  const points = shape.points;
  if (points.length === 2) return Math.hypot(p.x - points[0]!, p.y - points[1]!);
  let best = Infinity;
  for (let i = 0; i + 3 < points.length; i += 2) {
    const a = { x: points[i]!, y: points[i + 1]! };
    const b = { x: points[i + 2]!, y: points[i + 3]! };
    best = Math.min(best, distanceToSegment(p, a, b));
  }
  return best;
}

function hitRect(width: number, height: number, p: Point, reach: number, filled: boolean): Hit {
  const inside = p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
  const outsideBy = Math.hypot(Math.max(0, -p.x, p.x - width), Math.max(0, -p.y, p.y - height));
  const toEdge = inside ? Math.min(p.x, p.y, width - p.x, height - p.y) : outsideBy;
  if (toEdge <= reach || (inside && filled)) return 'painted';
  return inside ? 'hollow' : null;
}

function hitEllipse(width: number, height: number, p: Point, reach: number, filled: boolean): Hit {
  const rx = width / 2;
  const ry = height / 2;
  if (rx < 1e-6 || ry < 1e-6) return hitRect(width, height, p, reach, false);
  const dx = p.x - rx;
  const dy = p.y - ry;
  const r = Math.sqrt((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry));
  // |r - 1| scaled by the nearer radius: exact on the axes, close enough between them.
  const toEdge = Math.abs(r - 1) * Math.min(rx, ry);
  if (toEdge <= reach || (r <= 1 && filled)) return 'painted';
  return r <= 1 ? 'hollow' : null;
}

/** Whether `world` hits `shape`, within `tolerance` world units of what it paints. */
export function hitTest(shape: Shape, world: Point, tolerance: number): Hit {
  const p = toLocal(shape, world);
  const reach = tolerance + shape.strokeWidth / 2;
  switch (shape.type) {
    case 'rect':
      return hitRect(shape.width, shape.height, p, reach, isFilled(shape));
    case 'ellipse':
      return hitEllipse(shape.width, shape.height, p, reach, isFilled(shape));
    case 'text':
      return hitRect(shape.width, shape.height, p, tolerance, true);
    default:
      return distanceToPath(shape, p) <= reach ? 'painted' : null;
  }
}
