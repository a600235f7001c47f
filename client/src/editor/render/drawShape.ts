import { arrowHeadWings } from '../geometry';
import { isFilled } from '../hitTest';
import type { PathShape, Shape, TextShape } from '../shapes';
import { baselineOffset, fontOf, LINE_HEIGHT, textLines } from './text';

/**
 * Canvas 2D drawing of every shape type. The scene, the selection's live copies, the draft of a
 * shape being drawn and PNG export all draw through here, so they cannot disagree.
 */

const hasStroke = (shape: Shape) => shape.strokeWidth > 0 && shape.stroke !== 'transparent';

function strokeWith(ctx: CanvasRenderingContext2D, shape: Shape): void {
  ctx.lineWidth = shape.strokeWidth;
  ctx.strokeStyle = shape.stroke;
  ctx.stroke();
}

function tracePath(ctx: CanvasRenderingContext2D, points: readonly number[], smooth: boolean): void {
  ctx.moveTo(points[0]!, points[1]!);
  const count = points.length / 2;
  if (!smooth || count < 3) {
    for (let i = 2; i < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
    return;
  }
  // Curves through the midpoints, with the recorded points as control points: smooth strokes
  // from decimated input.
  for (let i = 1; i < count - 1; i += 1) {
    const x = points[i * 2]!;
    const y = points[i * 2 + 1]!;
    ctx.quadraticCurveTo(x, y, (x + points[i * 2 + 2]!) / 2, (y + points[i * 2 + 3]!) / 2);
  }
  ctx.lineTo(points[points.length - 2]!, points[points.length - 1]!);
}

function drawPath(ctx: CanvasRenderingContext2D, shape: PathShape): void {
  if (!hasStroke(shape)) return;
  const { points } = shape;
  if (points.length === 2 || (shape.type === 'pen' && isDot(points))) {
    // A pen click is a dot as wide as the stroke.
    ctx.beginPath();
    ctx.arc(points[0]!, points[1]!, shape.strokeWidth / 2, 0, Math.PI * 2);
    ctx.fillStyle = shape.stroke;
    ctx.fill();
    return;
  }
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  tracePath(ctx, points, shape.type === 'pen');
  const wings = shape.type === 'arrow' ? arrowHeadWings(shape) : null;
  if (wings) {
    const tipX = points[points.length - 2]!;
    const tipY = points[points.length - 1]!;
    ctx.moveTo(wings[0].x, wings[0].y);
    ctx.lineTo(tipX, tipY);
    ctx.lineTo(wings[1].x, wings[1].y);
  }
  strokeWith(ctx, shape);
}

function isDot(points: readonly number[]): boolean {
  for (let i = 2; i < points.length; i += 2) {
    if (points[i] !== points[0] || points[i + 1] !== points[1]) return false;
  }
  return true;
}

function drawText(ctx: CanvasRenderingContext2D, shape: TextShape): void {
  if (isFilled(shape)) {
    ctx.fillStyle = shape.fill;
    ctx.fillRect(0, 0, shape.width, shape.height);
  }
  ctx.font = fontOf(shape.fontSize);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = shape.stroke;
  const lineHeight = shape.fontSize * LINE_HEIGHT;
  const baseline = baselineOffset(shape.fontSize);
  textLines(shape.text).forEach((line, i) => ctx.fillText(line, 0, i * lineHeight + baseline));
}

function drawBox(ctx: CanvasRenderingContext2D, shape: Shape & { width: number; height: number }): void {
  ctx.beginPath();
  if (shape.type === 'ellipse') {
    const rx = shape.width / 2;
    const ry = shape.height / 2;
    ctx.ellipse(rx, ry, rx, ry, 0, 0, Math.PI * 2);
  } else {
    ctx.rect(0, 0, shape.width, shape.height);
  }
  if (isFilled(shape)) {
    ctx.fillStyle = shape.fill;
    ctx.fill();
  }
  if (hasStroke(shape)) {
    ctx.lineJoin = 'miter';
    strokeWith(ctx, shape);
  }
}

/** Draws `shape` in its own coordinates: the caller has moved the origin to x/y and rotated. */
export function drawShapeLocal(ctx: CanvasRenderingContext2D, shape: Shape): void {
  ctx.globalAlpha = shape.opacity;
  switch (shape.type) {
    case 'rect':
    case 'ellipse':
      drawBox(ctx, shape);
      break;
    case 'text':
      drawText(ctx, shape);
      break;
    default:
      drawPath(ctx, shape);
  }
  ctx.globalAlpha = 1;
}

const RADIANS = Math.PI / 180;

/** Draws `shape` where it belongs in world coordinates (the context holds the view transform). */
export function drawShape(ctx: CanvasRenderingContext2D, shape: Shape): void {
  ctx.save();
  ctx.translate(shape.x, shape.y);
  if (shape.rotation !== 0) ctx.rotate(shape.rotation * RADIANS);
  drawShapeLocal(ctx, shape);
  ctx.restore();
}

/** Device pixels per world unit and where the world origin lands: a view without skew. */
export interface DeviceView {
  scale: number;
  x: number;
  y: number;
}

/**
 * Draws `shape` for a view given in device pixels, setting the whole transform once instead of
 * save/translate/rotate/restore: the scene's hot loop, thousands of times a frame.
 */
export function drawShapeInView(ctx: CanvasRenderingContext2D, shape: Shape, view: DeviceView): void {
  const k = view.scale;
  const tx = shape.x * k + view.x;
  const ty = shape.y * k + view.y;
  if (shape.rotation === 0) {
    ctx.setTransform(k, 0, 0, k, tx, ty);
  } else {
    const cos = Math.cos(shape.rotation * RADIANS) * k;
    const sin = Math.sin(shape.rotation * RADIANS) * k;
    ctx.setTransform(cos, sin, -sin, cos, tx, ty);
  }
  drawShapeLocal(ctx, shape);
}
