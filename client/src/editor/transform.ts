import { normalizeShape } from './normalize';
import type { Shape } from './shapes';

/** Where a Transformer left a node: what `transformend` reads off it. */
export interface NodeTransform {
  x: number;
  y: number;
  rotation: number;
  scaleX: number;
  scaleY: number;
}

/**
 * The shape's geometry stretched by (scaleX, scaleY) in its own coordinates, its origin fixed.
 * Stroke widths stay as they are, as in every drawing tool; text grows by its font size.
 */
export function scaleShape<S extends Shape>(shape: S, scaleX: number, scaleY: number): S {
  if (scaleX === 1 && scaleY === 1) return shape;
  const sx = Math.abs(scaleX);
  const sy = Math.abs(scaleY);
  switch (shape.type) {
    case 'rect':
    case 'ellipse':
      return { ...shape, width: shape.width * sx, height: shape.height * sy };
    case 'text':
      return { ...shape, width: shape.width * sx, height: shape.height * sy, fontSize: shape.fontSize * sy };
    default:
      return { ...shape, points: shape.points.map((value, i) => value * (i % 2 === 0 ? scaleX : scaleY)) };
  }
}

/** The shape as the transform left it: scale baked into its geometry, within the schema's bounds. */
export function applyTransform<S extends Shape>(shape: S, transform: NodeTransform): S {
  const { x, y, rotation, scaleX, scaleY } = transform;
  if (![x, y, rotation, scaleX, scaleY].every(Number.isFinite)) return shape;
  return normalizeShape({ ...scaleShape(shape, scaleX, scaleY), x, y, rotation });
}
