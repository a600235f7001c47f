/**
 * The shapes a drawing stores, shared by the server (validation) and the client (types, factories,
 * pre-save checks). Part of the contract module: imports only zod.
 *
 * Every shape is plain serializable data. `x`/`y` is the top-left corner of the bounding box for
 * rect, ellipse and text, and the origin that `points` are relative to for line, arrow and pen.
 */
import { z } from 'zod';
import { isStorableText, STORABLE_TEXT_MESSAGE } from './text.ts';

/**
 * Every bound on a drawing, in one place (docs/drawings.md, "Limits", gives the arithmetic).
 * Sized for a person's full day of drawing, freehand included; `documentBytes` is the final bound
 * on what a drawing stores, whichever way it was built (one PUT or many PATCHes), and it stays
 * under `bodyLimit` so that any stored drawing can be sent whole again (overwrite, copy).
 */
export const DRAWING_LIMITS = {
  /** The JSON body limit of the whole-document routes, POST and PUT (express/bytes syntax). */
  bodyLimit: '8mb',
  /** The JSON body limit of PATCH: a partial save carries what changed since the last one. */
  patchBodyLimit: '1mb',
  /** UTF-8 bytes of a drawing's `shapes` as JSON, checked on the stored (merged) result. */
  documentBytes: 8_000_000,
  titleLength: 200,
  shapesPerDrawing: 10_000,
  /** Points are [x, y] pairs; `points` arrays hold twice as many numbers. */
  pointsPerShape: 5_000,
  pointsPerDrawing: 300_000,
  textLength: 5_000,
  shapeIdLength: 64,
  /** |x|, |y| and every point coordinate. */
  coordinate: 100_000,
  /** width, height. */
  size: 100_000,
  /** Degrees; the client normalizes rotation into this range. */
  rotation: 360,
  strokeWidth: 500,
  fontSize: { min: 1, max: 1_000 },
  /** |z|: the z-order is an integer, higher draws on top. */
  z: 1_000_000,
  /** A shape's own edit counter (fits PostgreSQL's int4 like the drawing's version). */
  shapeVersion: 2_147_483_647,
} as const;

export const SHAPE_TYPES = ['rect', 'ellipse', 'line', 'arrow', 'pen', 'text'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/** What the optional style fields default to when a client leaves them out. */
export const SHAPE_DEFAULTS = {
  rotation: 0,
  stroke: '#1e1e1e',
  strokeWidth: 2,
  fill: 'none',
  opacity: 1,
  z: 0,
  version: 1,
} as const;

const L = DRAWING_LIMITS;

export const ShapeId = z
  .string()
  .regex(/^[\w-]+$/, 'letters, digits, _ and - only')
  .min(1)
  .max(L.shapeIdLength);

/** #rgb, #rrggbb, #rrggbbaa or "transparent". */
export const Color = z.union([
  z.literal('transparent'),
  z.string().regex(/^#(?:[\da-f]{3}|[\da-f]{6}|[\da-f]{8})$/i, 'a color is #rgb, #rrggbb, #rrggbbaa or transparent'),
]);

const Coordinate = z.number().min(-L.coordinate).max(L.coordinate);
const Size = z.number().min(0).max(L.size);

/**
 * A flat [x1, y1, x2, y2, ...] list relative to the shape's x/y. The first stage reports only the
 * first bad entry: per-entry issues would let 2 MB of junk cost seconds and answer with 400,000
 * errors.
 */
function pointList(minPoints: number) {
  const coordinates = z
    .array(z.unknown())
    .min(minPoints * 2)
    .max(L.pointsPerShape * 2)
    .superRefine((points, ctx) => {
      const bad = points.findIndex((n) => typeof n !== 'number' || !(Math.abs(n) <= L.coordinate));
      if (bad >= 0) {
        ctx.addIssue({ code: 'custom', path: [bad], message: `a coordinate is a number within ±${L.coordinate}` });
      }
      if (points.length % 2 !== 0) {
        ctx.addIssue({ code: 'custom', message: 'points are [x, y] pairs: the count must be even' });
      }
    });
  return coordinates.pipe(z.array(Coordinate));
}

// z.number() already refuses NaN and ±Infinity (JSON's 1e999 parses to Infinity).
const common = {
  id: ShapeId,
  x: Coordinate,
  y: Coordinate,
  rotation: z.number().min(-L.rotation).max(L.rotation).default(SHAPE_DEFAULTS.rotation),
  stroke: Color.default(SHAPE_DEFAULTS.stroke),
  strokeWidth: z.number().min(0).max(L.strokeWidth).default(SHAPE_DEFAULTS.strokeWidth),
  fill: z.union([z.literal('none'), Color]).default(SHAPE_DEFAULTS.fill),
  opacity: z.number().min(0).max(1).default(SHAPE_DEFAULTS.opacity),
  z: z.number().int().min(-L.z).max(L.z).default(SHAPE_DEFAULTS.z),
  version: z.number().int().min(1).max(L.shapeVersion).default(SHAPE_DEFAULTS.version),
};

const box = { width: Size, height: Size };

export const RectShape = z.strictObject({ type: z.literal('rect'), ...common, ...box });
export type RectShape = z.infer<typeof RectShape>;

export const EllipseShape = z.strictObject({ type: z.literal('ellipse'), ...common, ...box });
export type EllipseShape = z.infer<typeof EllipseShape>;

export const LineShape = z.strictObject({ type: z.literal('line'), ...common, points: pointList(2) });
export type LineShape = z.infer<typeof LineShape>;

export const ArrowShape = z.strictObject({ type: z.literal('arrow'), ...common, points: pointList(2) });
export type ArrowShape = z.infer<typeof ArrowShape>;

/** Freehand: one point is a dot. */
export const PenShape = z.strictObject({ type: z.literal('pen'), ...common, points: pointList(1) });
export type PenShape = z.infer<typeof PenShape>;

export const TextShape = z.strictObject({
  type: z.literal('text'),
  ...common,
  ...box,
  text: z.string().max(L.textLength).refine(isStorableText, STORABLE_TEXT_MESSAGE),
  fontSize: z.number().min(L.fontSize.min).max(L.fontSize.max),
});
export type TextShape = z.infer<typeof TextShape>;

export const DrawingShape = z.discriminatedUnion('type', [
  RectShape,
  EllipseShape,
  LineShape,
  ArrowShape,
  PenShape,
  TextShape,
]);
export type DrawingShape = z.infer<typeof DrawingShape>;
/** What a client may send: the style fields with defaults are optional. */
export type DrawingShapeInput = z.input<typeof DrawingShape>;

/** UTF-8 bytes of `shapes` as JSON: what `documentBytes` bounds. */
export function documentByteLength(shapes: readonly DrawingShape[]): number {
  return new TextEncoder().encode(JSON.stringify(shapes)).length;
}

/** Ids unique within the drawing, and bounds on the points and bytes of all shapes together. */
function checkDrawingWide(shapes: DrawingShape[], ctx: z.RefinementCtx<DrawingShape[]>): void {
  const seen = new Set<string>();
  let points = 0;
  shapes.forEach((shape, index) => {
    if (seen.has(shape.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate shape id ${shape.id}` });
    }
    seen.add(shape.id);
    if ('points' in shape) points += shape.points.length / 2;
  });
  if (points > L.pointsPerDrawing) {
    ctx.addIssue({
      code: 'too_big',
      origin: 'array',
      maximum: L.pointsPerDrawing,
      message: `a drawing holds at most ${L.pointsPerDrawing} points in all (this one has ${points})`,
    });
  }
  const bytes = documentByteLength(shapes);
  if (bytes > L.documentBytes) {
    ctx.addIssue({
      code: 'too_big',
      origin: 'array',
      maximum: L.documentBytes,
      message: `a drawing's shapes take at most ${L.documentBytes} bytes of JSON (these take ${bytes})`,
    });
  }
}

/** A drawing's shapes: bounded in count and total points, ids unique within the drawing. */
export const DrawingShapes = z
  .array(DrawingShape)
  .max(L.shapesPerDrawing)
  // Only once every shape parsed cleanly: before that, an entry may be anything at all.
  .superRefine(checkDrawingWide, { when: (payload) => payload.issues.length === 0 });
