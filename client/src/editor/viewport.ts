import type { Viewport } from './editorActions';
import type { Bounds } from './geometry';
import type { Point } from './shapes';

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 10;

/** The levels the zoom buttons and +/- step through. */
const ZOOM_LEVELS = [0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10];

export type ViewTransform = Pick<Viewport, 'x' | 'y' | 'scale'>;

export const clampScale = (scale: number): number =>
  Number.isFinite(scale) ? Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale)) : 1;

export const screenToWorld = (view: ViewTransform, p: Point): Point => ({
  x: (p.x - view.x) / view.scale,
  y: (p.y - view.y) / view.scale,
});

export const worldToScreen = (view: ViewTransform, p: Point): Point => ({
  x: p.x * view.scale + view.x,
  y: p.y * view.scale + view.y,
});

/** The world rectangle the viewport shows. */
export function visibleWorld(view: ViewTransform, size: { width: number; height: number }): Bounds {
  const topLeft = screenToWorld(view, { x: 0, y: 0 });
  return { ...topLeft, width: size.width / view.scale, height: size.height / view.scale };
}

/** Zooms to `scale` keeping the world point under `screen` where it is (zoom to the pointer). */
export function zoomAt(view: ViewTransform, screen: Point, scale: number): ViewTransform {
  const next = clampScale(scale);
  const world = screenToWorld(view, screen);
  return { scale: next, x: screen.x - world.x * next, y: screen.y - world.y * next };
}

/** The next zoom level up or down from `scale`. */
export function steppedScale(scale: number, direction: 1 | -1): number {
  const epsilon = 1e-3;
  const level =
    direction > 0
      ? ZOOM_LEVELS.find((candidate) => candidate > scale + epsilon)
      : ZOOM_LEVELS.findLast((candidate) => candidate < scale - epsilon);
  return level ?? (direction > 0 ? MAX_SCALE : MIN_SCALE);
}

/**
 * How much one wheel event zooms. Trackpad pinches arrive as wheel events with ctrlKey and small
 * deltas, mouse wheels as ~100 px notches; lines and pages are converted to pixels first.
 */
export function wheelZoomFactor(event: { deltaY: number; deltaMode: number; ctrlKey: boolean }): number {
  const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
  const limited = Math.max(-100, Math.min(100, pixels));
  return Math.exp(-limited * (event.ctrlKey ? 0.01 : 0.002));
}

/** The view that shows `bounds` whole, centred, with a margin; never zoomed in past 100%. */
export function fitView(bounds: Bounds | null, size: { width: number; height: number }, margin = 48): ViewTransform {
  if (!bounds) return { x: 0, y: 0, scale: 1 };
  const room = { width: Math.max(1, size.width - margin * 2), height: Math.max(1, size.height - margin * 2) };
  const scale = clampScale(Math.min(1, room.width / (bounds.width || 1), room.height / (bounds.height || 1)));
  const centre = { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
  return { scale, x: size.width / 2 - centre.x * scale, y: size.height / 2 - centre.y * scale };
}
