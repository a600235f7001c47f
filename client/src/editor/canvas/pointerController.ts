import type Konva from 'konva/lib/Core';
import { textEditingStarted } from '../editorActions';
import { selectEditingText, selectTool } from '../editorSelectors';
import type { Point } from '../shapes';
import { startCreateGesture } from './gestures/createGestures';
import { startSelectGesture } from './gestures/selectGestures';
import { HIT_TOLERANCE, type Gesture, type GestureContext, type PointerSample } from './gestures/types';
import { createWheelZoom, panGesture, pinchGesture } from './gestures/viewGestures';
import { isTypingTarget } from '../keyboard';

const MIDDLE_BUTTON = 1;
const cursorForTool = (tool: string) => (tool === 'select' ? 'default' : tool === 'text' ? 'text' : 'crosshair');

/** Whether the press landed on a Transformer handle, which Konva handles itself. */
function isTransformerHandle(stage: Konva.Stage, point: Point): boolean {
  const target = stage.getIntersection(point);
  return !!target && target.name().includes('_anchor');
}

/**
 * Turns pointer, wheel and space-bar input on the canvas into gestures. Listens on the stage's
 * container with native events (Konva's own handlers still serve the Transformer's handles).
 * `refreshCursor` follows a tool change; `detach` removes every listener.
 */
export function attachPointerController(context: GestureContext) {
  const { runtime, getState, dispatch } = context;
  const container = runtime.container;
  const wheelZoom = createWheelZoom(context);
  const touches = new Map<number, Point>();
  let gesture: Gesture | null = null;
  let pinch: ReturnType<typeof pinchGesture> | null = null;
  let spaceHeld = false;

  const sampleOf = (event: PointerEvent | MouseEvent): PointerSample => {
    const box = container.getBoundingClientRect();
    const screen = { x: event.clientX - box.left, y: event.clientY - box.top };
    return { screen, world: runtime.toWorld(screen), shift: event.shiftKey };
  };

  const setCursor = (cursor?: string) => {
    container.style.cursor = cursor ?? (spaceHeld ? 'grab' : cursorForTool(selectTool(getState())));
  };

  const startGesture = (event: PointerEvent, sample: PointerSample): Gesture | null => {
    if (event.button === MIDDLE_BUTTON || (spaceHeld && event.button === 0)) {
      setCursor('grabbing');
      return panGesture(context, sample);
    }
    if (event.button !== 0 || isTransformerHandle(runtime.stage, sample.screen)) return null;
    if (selectEditingText(getState())) return null; // the click blurs the text editor, which commits
    const tool = selectTool(getState());
    return tool === 'select' ? startSelectGesture(context, sample) : startCreateGesture(context, sample, tool);
  };

  const startPinch = () => {
    gesture?.cancel();
    gesture = null;
    const [a, b] = [...touches.values()];
    if (a && b) pinch = pinchGesture(context, a, b);
  };

  const onPointerDown = (event: PointerEvent) => {
    const sample = sampleOf(event);
    if (event.pointerType === 'touch') {
      touches.set(event.pointerId, sample.screen);
      if (touches.size === 2) return startPinch();
    }
    if (gesture || pinch) return;
    gesture = startGesture(event, sample);
    if (!gesture) return;
    if (event.button === MIDDLE_BUTTON) event.preventDefault(); // no autoscroll
    try {
      container.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events (the benchmark) have no capturable pointer; moves still arrive here.
    }
  };

  const onPointerMove = (event: PointerEvent) => {
    const sample = sampleOf(event);
    if (touches.has(event.pointerId)) touches.set(event.pointerId, sample.screen);
    if (pinch) {
      const [a, b] = [...touches.values()];
      if (a && b) pinch.update(a, b);
      return;
    }
    if (gesture) return gesture.move(sample);
    if (!spaceHeld && selectTool(getState()) === 'select') {
      const over = runtime.renderer.hitTest(sample.world, HIT_TOLERANCE / runtime.view().scale);
      setCursor(over ? 'move' : undefined);
    }
  };

  const onPointerUp = (event: PointerEvent) => {
    touches.delete(event.pointerId);
    if (pinch) {
      if (touches.size < 2) {
        pinch.end();
        pinch = null;
      }
      return;
    }
    const current = gesture;
    gesture = null;
    if (event.type === 'pointercancel') current?.cancel();
    else current?.end(sampleOf(event));
    setCursor();
  };

  const onWheel = (event: WheelEvent) => {
    event.preventDefault(); // the page must not scroll or zoom under the canvas
    wheelZoom.zoom(event, sampleOf(event).screen);
  };

  const onDoubleClick = (event: MouseEvent) => {
    if (selectTool(getState()) !== 'select') return;
    const sample = sampleOf(event);
    const hit = runtime.renderer.hitTest(sample.world, HIT_TOLERANCE / runtime.view().scale);
    if (hit?.type === 'text') dispatch(textEditingStarted({ id: hit.id }));
    else if (!hit) dispatch(textEditingStarted({ id: null, at: sample.world }));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && gesture) {
      gesture.cancel();
      gesture = null;
      setCursor();
      event.stopImmediatePropagation();
      return;
    }
    if (event.code !== 'Space' || isTypingTarget(event.target)) return;
    event.preventDefault(); // no page scroll, no button press
    if (!spaceHeld) {
      spaceHeld = true;
      if (!gesture) setCursor();
    }
  };

  const onKeyUp = (event: KeyboardEvent) => {
    if (event.code !== 'Space') return;
    spaceHeld = false;
    if (!gesture) setCursor();
  };

  // A window that loses focus never sees the space bar come up.
  const onWindowBlur = () => {
    spaceHeld = false;
    if (!gesture) setCursor();
  };

  const listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [
    [container, 'pointerdown', onPointerDown as EventListener],
    [container, 'pointermove', onPointerMove as EventListener],
    [container, 'pointerup', onPointerUp as EventListener],
    [container, 'pointercancel', onPointerUp as EventListener],
    [container, 'wheel', onWheel as EventListener, { passive: false }],
    [container, 'dblclick', onDoubleClick as EventListener],
    [window, 'keydown', onKeyDown as EventListener, { capture: true }],
    [window, 'keyup', onKeyUp as EventListener],
    [window, 'blur', onWindowBlur],
  ];
  for (const [target, type, listener, options] of listeners) target.addEventListener(type, listener, options);
  setCursor();
  return {
    refreshCursor: () => setCursor(),
    detach() {
      for (const [target, type, listener, options] of listeners) target.removeEventListener(type, listener, options);
      gesture?.cancel();
      wheelZoom.dispose();
    },
  };
}
