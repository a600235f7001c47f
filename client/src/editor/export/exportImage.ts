import { boundsOfShapes, type Bounds } from '../geometry';
import { drawShape } from '../render/drawShape';
import type { Shape } from '../shapes';

/** Space around the drawing in exported images, in drawing units. */
export const EXPORT_PADDING = 20;
export const EXPORT_BACKGROUND = '#ffffff';

/**
 * The area an export covers: everything the shapes paint (strokes and arrowheads included) plus
 * the padding, on whole pixels. An empty drawing exports as a small blank image.
 */
export function exportArea(shapes: readonly Shape[]): Bounds {
  const bounds = boundsOfShapes(shapes) ?? { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.floor(bounds.x - EXPORT_PADDING);
  const y = Math.floor(bounds.y - EXPORT_PADDING);
  const right = Math.ceil(bounds.x + bounds.width + EXPORT_PADDING);
  const bottom = Math.ceil(bounds.y + bounds.height + EXPORT_PADDING);
  return { x, y, width: right - x, height: bottom - y };
}

/** The drawing at `scale` on a white canvas of the export area's size. */
export function renderDrawing(shapes: readonly Shape[], scale = 1): HTMLCanvasElement {
  const area = exportArea(shapes);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(area.width * scale));
  canvas.height = Math.max(1, Math.round(area.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.fillStyle = EXPORT_BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -area.x * scale, -area.y * scale);
  for (const shape of shapes) drawShape(ctx, shape);
  return canvas;
}

export function drawingAsPng(shapes: readonly Shape[], scale = 1): Promise<Blob> {
  const canvas = renderDrawing(shapes, scale);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}
