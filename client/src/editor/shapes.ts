import { DRAWING_LIMITS, SHAPE_DEFAULTS, type RectShape } from '../contract';

/** The shape types this editor draws so far; the server's schema knows more (line, arrow, pen, text). */
export const SHAPE_TYPES = ['rect', 'ellipse'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/**
 * A canvas element as plain serializable data: what a drawing stores and what Konva renders.
 * The type comes from the server's schema module, so what the editor makes is what the API
 * accepts. `x`/`y` are the top-left corner of the bounding box for every type (Konva centres
 * ellipses; the renderer converts), so moving and saving never depend on the type. `version` is
 * bumped on every change, so later sync can tell which copy of a shape is newer.
 */
export type Shape = Omit<RectShape, 'type'> & { type: ShapeType };

/** The same limits the server enforces (one module, imported by both). */
export const MAX_SHAPES = DRAWING_LIMITS.shapesPerDrawing;

export interface Point {
  x: number;
  y: number;
}

export const DEFAULT_SHAPE_SIZE = { width: 120, height: 80 } as const;

const DEFAULT_STYLE: Record<ShapeType, Pick<Shape, 'fill' | 'stroke' | 'strokeWidth'>> = {
  rect: { fill: '#a5d8ff', stroke: '#1971c2', strokeWidth: 2 },
  ellipse: { fill: '#b2f2bb', stroke: '#2f9e44', strokeWidth: 2 },
};

/** A random id; `getRandomValues` works outside secure contexts, unlike `randomUUID`. */
export function generateShapeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The one factory for shapes: defaults first, then whatever the caller fixes. */
export function createShape(type: ShapeType, overrides: Partial<Omit<Shape, 'type'>> = {}): Shape {
  return {
    id: generateShapeId(),
    type,
    x: 0,
    y: 0,
    ...DEFAULT_SHAPE_SIZE,
    rotation: SHAPE_DEFAULTS.rotation,
    opacity: SHAPE_DEFAULTS.opacity,
    z: SHAPE_DEFAULTS.z,
    ...DEFAULT_STYLE[type],
    version: SHAPE_DEFAULTS.version,
    ...overrides,
  };
}

/** A new shape of the default size whose centre is at `point`. */
export function createShapeCenteredAt(type: ShapeType, point: Point): Shape {
  return createShape(type, {
    x: point.x - DEFAULT_SHAPE_SIZE.width / 2,
    y: point.y - DEFAULT_SHAPE_SIZE.height / 2,
  });
}
