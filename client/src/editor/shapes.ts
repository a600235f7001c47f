import { DRAWING_LIMITS, SHAPE_DEFAULTS, SHAPE_TYPES, type DrawingShape, type ShapeType } from '../contract';

export { SHAPE_TYPES, type ShapeType };

/**
 * A canvas element as plain serializable data: what a drawing stores and what the canvas draws.
 * The type is the server's schema (through the contract), so what the editor makes is what the
 * API accepts. `x`/`y` is the shape's origin: the top-left corner of the unrotated box for rect,
 * ellipse and text, and what `points` are relative to for line, arrow and pen. `rotation` turns
 * the shape about that origin (Konva's convention). `version` is bumped on every change, so later
 * sync can tell which copy of a shape is newer.
 */
export type Shape = DrawingShape;
export type ShapeOf<T extends ShapeType> = Extract<Shape, { type: T }>;
export type BoxShape = ShapeOf<'rect' | 'ellipse' | 'text'>;
export type PathShape = ShapeOf<'line' | 'arrow' | 'pen'>;
export type TextShape = ShapeOf<'text'>;

/** The same limits the server enforces (one module, imported by both). */
export const LIMITS = DRAWING_LIMITS;
export const MAX_SHAPES = DRAWING_LIMITS.shapesPerDrawing;

export interface Point {
  x: number;
  y: number;
}

/** The style fields the style panel edits; new shapes take the panel's current values. */
export interface ShapeStyle {
  stroke: string;
  fill: string;
  strokeWidth: number;
  opacity: number;
  fontSize: number;
}

export const DEFAULT_STYLE: ShapeStyle = {
  stroke: SHAPE_DEFAULTS.stroke,
  fill: SHAPE_DEFAULTS.fill,
  strokeWidth: SHAPE_DEFAULTS.strokeWidth,
  opacity: SHAPE_DEFAULTS.opacity,
  fontSize: 20,
};

/** What a click (rather than a drag) makes. */
export const DEFAULT_SHAPE_SIZE = { width: 120, height: 80 } as const;
export const DEFAULT_LINE_LENGTH = 120;

export const isBoxShape = (shape: Shape): shape is BoxShape =>
  shape.type === 'rect' || shape.type === 'ellipse' || shape.type === 'text';

export const isPathShape = (shape: Shape): shape is PathShape => !isBoxShape(shape);

/** A random id; `getRandomValues` works outside secure contexts, unlike `randomUUID`. */
export function generateShapeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function commonDefaults(style: ShapeStyle) {
  return {
    id: generateShapeId(),
    x: 0,
    y: 0,
    rotation: SHAPE_DEFAULTS.rotation,
    stroke: style.stroke,
    strokeWidth: style.strokeWidth,
    fill: style.fill,
    opacity: style.opacity,
    z: SHAPE_DEFAULTS.z,
    version: SHAPE_DEFAULTS.version,
  };
}

function typeDefaults(type: ShapeType, style: ShapeStyle) {
  switch (type) {
    case 'rect':
    case 'ellipse':
      return { ...DEFAULT_SHAPE_SIZE };
    case 'line':
    case 'arrow':
      return { points: [0, 0, DEFAULT_LINE_LENGTH, 0] };
    case 'pen':
      return { points: [0, 0] };
    case 'text':
      // The fill of the shapes drawn last would make every new text a sticky note: text starts
      // without a background, which the style panel can add.
      return { width: 0, height: 0, text: '', fontSize: style.fontSize, fill: SHAPE_DEFAULTS.fill };
  }
}

/**
 * The one factory for shapes: defaults for the type (styled like `style`), then whatever the
 * caller fixes. The result is plain data that passes the server's schema.
 */
export function createShape<T extends ShapeType>(
  type: T,
  overrides: Partial<Omit<ShapeOf<T>, 'type'>> = {},
  style: ShapeStyle = DEFAULT_STYLE,
): ShapeOf<T> {
  return { ...commonDefaults(style), type, ...typeDefaults(type, style), ...overrides } as ShapeOf<T>;
}

/** A new shape of the default size whose centre is at `point` (a click with a box tool). */
export function createShapeCenteredAt(type: 'rect' | 'ellipse', point: Point, style?: ShapeStyle) {
  const { width, height } = DEFAULT_SHAPE_SIZE;
  return createShape(type, { x: point.x - width / 2, y: point.y - height / 2 }, style);
}

/** How many [x, y] points the shapes hold together (the server bounds it per drawing). */
export function countPoints(shapes: readonly Shape[]): number {
  let total = 0;
  for (const shape of shapes) if ('points' in shape) total += shape.points.length / 2;
  return total;
}

/** A copy with a new id and a fresh version, moved by (dx, dy): what duplicate and paste make. */
export function cloneShape<S extends Shape>(shape: S, dx = 0, dy = 0): S {
  return { ...shape, id: generateShapeId(), x: shape.x + dx, y: shape.y + dy, version: SHAPE_DEFAULTS.version };
}
