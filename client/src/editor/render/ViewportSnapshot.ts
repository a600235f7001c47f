import { visibleWorld, type ViewTransform } from '../viewport';
import { SceneBitmap } from './SceneBitmap';
import type { SceneRenderer, Size } from './SceneRenderer';

/** Time a frame of a gesture may spend drawing the next bitmap. */
const FRAME_BUDGET_MS = 6;
/** Below this share of the view covered, the old bitmap is not worth showing while the next is drawn. */
const MIN_COVERAGE = 0.5;

/**
 * The scene while the view pans or zooms: a bitmap (SceneBitmap) moved and scaled by a CSS
 * transform each frame, which the compositor applies without drawing anything, whatever the
 * number of shapes. (Drawing a bitmap into the layer with drawImage each frame was tried first:
 * under software rendering that full-canvas raster per frame capped a 5,000-shape pan at about
 * 32 fps.)
 *
 * When the view leaves the bitmap or zooms in too far, the old bitmap stays on screen (blurred,
 * or short at the edges) while the next is drawn a few milliseconds per frame, then they swap:
 * no frame waits for a whole scene to be drawn. Between gestures the bitmap is kept, and after a
 * change it is prepared again in idle time, so a gesture rarely starts by drawing.
 */
export class ViewportSnapshot {
  private front: SceneBitmap;
  private back: SceneBitmap;
  private idleHandle: number | null = null;

  constructor(host: HTMLElement, scene: SceneRenderer) {
    this.front = new SceneBitmap(host, scene);
    this.back = new SceneBitmap(host, scene);
  }

  /** Shows the scene for `view` (a `size` CSS-pixel viewport). */
  show(view: ViewTransform, size: Size, pixelRatio: number): void {
    this.cancelIdle();
    const world = visibleWorld(view, size);
    const { front, back } = this;
    if (front.fits(world, view.scale)) {
      front.draw(); // finishes what idle time did not
    } else if (front.isComplete && front.coverage(world) >= MIN_COVERAGE) {
      if (!back.fits(world, view.scale)) back.start(world, view.scale, pixelRatio);
      if (back.draw(FRAME_BUDGET_MS)) this.swap();
    } else {
      // Nothing worth showing yet: draw it now.
      front.start(world, view.scale, pixelRatio);
      front.draw();
    }
    this.front.show(view, pixelRatio);
  }

  /** Hides the bitmap; it is kept for the next gesture while the scene does not change. */
  hide(): void {
    this.front.hide();
    this.back.hide();
  }

  /** Gets the bitmap for `view` ready in idle time, a few milliseconds per idle callback. */
  prepare(view: ViewTransform, size: Size, pixelRatio: number): void {
    this.cancelIdle();
    const world = visibleWorld(view, size);
    if (!this.front.fits(world, view.scale)) this.front.start(world, view.scale, pixelRatio);
    const step = (deadline?: IdleDeadline) => {
      const budget = deadline ? Math.max(1, deadline.timeRemaining() - 2) : FRAME_BUDGET_MS;
      this.idleHandle = this.front.draw(budget) ? null : requestIdle(step);
    };
    this.idleHandle = requestIdle(step);
  }

  destroy(): void {
    this.cancelIdle();
    this.front.destroy();
    this.back.destroy();
  }

  private swap(): void {
    [this.front, this.back] = [this.back, this.front];
    this.back.hide();
  }

  private cancelIdle(): void {
    if (this.idleHandle !== null) cancelIdle(this.idleHandle);
    this.idleHandle = null;
  }
}

// requestIdleCallback where the browser has it (not Safari), else a short timeout.
const requestIdle = (callback: (deadline?: IdleDeadline) => void): number =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(callback, { timeout: 1_000 })
    : window.setTimeout(callback, 16);

const cancelIdle = (handle: number): void =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : window.clearTimeout(handle);
