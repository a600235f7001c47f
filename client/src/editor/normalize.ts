import { LIMITS, type Shape } from './shapes';

/** Two decimals: what the server's size budget assumes, and far below a pixel. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

const clamp = (value: number, min: number, max: number): number =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min < 0 && max > 0 ? 0 : min;

const coordinate = (value: number) => round2(clamp(value, -LIMITS.coordinate, LIMITS.coordinate));
const size = (value: number) => round2(clamp(value, 0, LIMITS.size));

/** Degrees into (-180, 180], well inside the schema's ±360. */
export function normalizeRotation(degrees: number): number {
  if (!Number.isFinite(degrees)) return 0;
  const turned = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return round2(turned === -180 ? 180 : turned);
}

/** Text the server can store: bounded, no NUL, no unpaired surrogates. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').toWellFormed().slice(0, LIMITS.textLength).toWellFormed();
}

/**
 * Brings any shape within the schema's bounds (rounded, clamped, rotation normalized), so every
 * shape the editor stores validates, whatever a gesture or a transform produced.
 */
export function normalizeShape<S extends Shape>(shape: S): S {
  const next: Shape = {
    ...shape,
    x: coordinate(shape.x),
    y: coordinate(shape.y),
    rotation: normalizeRotation(shape.rotation),
    strokeWidth: round2(clamp(shape.strokeWidth, 0, LIMITS.strokeWidth)),
    opacity: round2(clamp(shape.opacity, 0, 1)),
    z: Math.round(clamp(shape.z, -LIMITS.z, LIMITS.z)),
    version: Math.round(clamp(shape.version, 1, LIMITS.shapeVersion)),
  };
  if ('width' in next) {
    next.width = size(next.width);
    next.height = size(next.height);
  }
  if ('points' in next) next.points = next.points.slice(0, LIMITS.pointsPerShape * 2).map(coordinate);
  if (next.type === 'text') {
    next.text = storableText(next.text);
    next.fontSize = round2(clamp(next.fontSize, LIMITS.fontSize.min, LIMITS.fontSize.max));
  }
  return next as S;
}
