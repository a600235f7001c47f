import { viewportChanged } from '../../editorActions';
import type { Point } from '../../shapes';
import { clampScale, wheelZoomFactor, zoomAt, type ViewTransform } from '../../viewport';
import type { Gesture, GestureContext, PointerSample } from './types';

/**
 * Pan and zoom. While they run the stage moves directly and the scene is shown from a bitmap
 * (ViewportSnapshot); the store gets the final viewport once the gesture is over.
 */

function beginViewChange({ runtime }: GestureContext): void {
  runtime.beginViewGesture();
}

function finishViewChange({ runtime, dispatch }: GestureContext): void {
  runtime.endViewGesture();
  dispatch(viewportChanged(runtime.view()));
}

/** Space+drag or the middle button: the canvas follows the pointer. */
export function panGesture(context: GestureContext, start: PointerSample): Gesture {
  const { runtime } = context;
  const origin = runtime.view();
  beginViewChange(context);
  const follow = (sample: PointerSample) =>
    runtime.setView({
      ...origin,
      x: origin.x + sample.screen.x - start.screen.x,
      y: origin.y + sample.screen.y - start.screen.y,
    });
  return {
    move: follow,
    end(sample) {
      follow(sample);
      finishViewChange(context);
    },
    cancel() {
      runtime.setView(origin);
      finishViewChange(context);
    },
  };
}

const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Two fingers: zoom by their spread about their midpoint, pan as the midpoint moves. */
export function pinchGesture(context: GestureContext, first: Point, second: Point) {
  const { runtime } = context;
  const origin: ViewTransform = runtime.view();
  const startMid = midpoint(first, second);
  const startSpread = Math.max(1, distance(first, second));
  beginViewChange(context);
  return {
    update(a: Point, b: Point) {
      const mid = midpoint(a, b);
      const zoomed = zoomAt(origin, startMid, clampScale((origin.scale * distance(a, b)) / startSpread));
      runtime.setView({ ...zoomed, x: zoomed.x + mid.x - startMid.x, y: zoomed.y + mid.y - startMid.y });
    },
    end() {
      finishViewChange(context);
    },
  };
}

/** How long after the last wheel event a wheel zoom counts as finished. */
const WHEEL_IDLE_MS = 160;

/** The wheel (and trackpad pinch) zooms about the pointer; one store update when it goes quiet. */
export function createWheelZoom(context: GestureContext) {
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const finish = () => {
    idleTimer = null;
    finishViewChange(context);
  };
  return {
    zoom(event: WheelEvent, screen: Point) {
      if (!idleTimer) beginViewChange(context);
      else clearTimeout(idleTimer);
      const view = context.runtime.view();
      context.runtime.setView(zoomAt(view, screen, view.scale * wheelZoomFactor(event)));
      idleTimer = setTimeout(finish, WHEEL_IDLE_MS);
    },
    dispose() {
      if (idleTimer) clearTimeout(idleTimer);
    },
  };
}
