import type { AppDispatch, RootState } from '../../../store';
import type { Point } from '../../shapes';
import type { CanvasRuntime } from '../CanvasRuntime';

/** One pointer event, in screen (CSS pixels within the canvas) and world coordinates. */
export interface PointerSample {
  screen: Point;
  world: Point;
  shift: boolean;
}

/**
 * A gesture in progress, from pointerdown to pointerup. Moves update only what is on screen;
 * the store hears once, at `end`; `cancel` (Escape, a second finger) leaves the document as it was.
 */
export interface Gesture {
  move(sample: PointerSample): void;
  end(sample: PointerSample): void;
  cancel(): void;
}

export interface GestureContext {
  runtime: CanvasRuntime;
  dispatch: AppDispatch;
  getState: () => RootState;
}

/** Screen pixels a pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD = 3;

/** Screen pixels around a shape's paint that still count as hitting it. */
export const HIT_TOLERANCE = 6;

export const movedPastThreshold = (from: PointerSample, to: PointerSample): boolean =>
  Math.hypot(to.screen.x - from.screen.x, to.screen.y - from.screen.y) >= DRAG_THRESHOLD;

/** A gesture that does nothing more (a click already handled at pointerdown). */
export const NO_GESTURE: Gesture = { move() {}, end() {}, cancel() {} };
