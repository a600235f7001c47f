import { shapesAdded, textEditingStarted, toolSelected, type Tool } from '../../editorActions';
import { selectStyle } from '../../editorSelectors';
import { normalizeShape, round2 } from '../../normalize';
import { simplifyStroke } from '../../simplify';
import { createShape, createShapeCenteredAt, type Point, type Shape } from '../../shapes';
import { movedPastThreshold, NO_GESTURE, type Gesture, type GestureContext, type PointerSample } from './types';

/** Pen strokes keep detail down to this many screen pixels (see simplifyStroke). */
const PEN_TOLERANCE = 0.75;

/** With shift, a box becomes a square or circle. */
function boxBetween(a: Point, b: Point, square: boolean) {
  let dx = b.x - a.x;
  let dy = b.y - a.y;
  if (square) {
    const side = Math.max(Math.abs(dx), Math.abs(dy));
    dx = Math.sign(dx || 1) * side;
    dy = Math.sign(dy || 1) * side;
  }
  return { x: Math.min(a.x, a.x + dx), y: Math.min(a.y, a.y + dy), width: Math.abs(dx), height: Math.abs(dy) };
}

/** With shift, a line snaps to 15° steps. */
function lineEnd(a: Point, b: Point, snap: boolean): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (!snap) return { x: dx, y: dy };
  const step = Math.PI / 12;
  const angle = Math.round(Math.atan2(dy, dx) / step) * step;
  const length = Math.hypot(dx, dy);
  return { x: Math.cos(angle) * length, y: Math.sin(angle) * length };
}

/**
 * Draws a rect, ellipse, line or arrow by dragging from corner to corner (or end to end); a click
 * makes one of the default size. The new shape is selected and the select tool comes back.
 */
function dragShapeGesture(context: GestureContext, start: PointerSample, type: 'rect' | 'ellipse' | 'line' | 'arrow') {
  const { runtime, dispatch, getState } = context;
  const style = selectStyle(getState());
  let draft: Shape | null = null;

  const shapeTo = (sample: PointerSample): Shape => {
    if (type === 'line' || type === 'arrow') {
      const end = lineEnd(start.world, sample.world, sample.shift);
      return createShape(type, { ...start.world, points: [0, 0, end.x, end.y] }, style);
    }
    return createShape(type, boxBetween(start.world, sample.world, sample.shift), style);
  };

  const gesture: Gesture = {
    move(sample) {
      if (!draft && !movedPastThreshold(start, sample)) return;
      draft = shapeTo(sample);
      runtime.setDraft(draft);
    },
    end() {
      runtime.setDraft(null);
      const shape =
        draft ??
        (type === 'line' || type === 'arrow'
          ? createShape(type, { ...start.world }, style)
          : createShapeCenteredAt(type, start.world, style));
      dispatch(shapesAdded([normalizeShape(shape)]));
      dispatch(toolSelected('select'));
    },
    cancel() {
      runtime.setDraft(null);
    },
  };
  return gesture;
}

/** Freehand: records the pointer's path, drawn live, simplified when the stroke ends. */
function penGesture(context: GestureContext, start: PointerSample): Gesture {
  const { runtime, dispatch, getState } = context;
  const style = selectStyle(getState());
  const scale = runtime.view().scale;
  const points = [0, 0];
  let last = start.screen;
  const draftOf = (list: number[]) => createShape('pen', { ...start.world, points: list }, style);
  runtime.setDraft(draftOf(points));
  return {
    move(sample) {
      // Points closer than a screen pixel add nothing but weight.
      if (Math.hypot(sample.screen.x - last.x, sample.screen.y - last.y) < 1) return;
      last = sample.screen;
      points.push(sample.world.x - start.world.x, sample.world.y - start.world.y);
      runtime.setDraft(draftOf(points));
    },
    end() {
      runtime.setDraft(null);
      const simplified = simplifyStroke(points, PEN_TOLERANCE / scale).map(round2);
      // Pen strokes are not selected, so the next stroke can follow at once.
      dispatch(shapesAdded([normalizeShape(draftOf(simplified))], false));
    },
    cancel() {
      runtime.setDraft(null);
    },
  };
}

/** The text tool: a click opens the text editor there. */
function textGesture({ dispatch }: GestureContext, start: PointerSample): Gesture {
  return {
    ...NO_GESTURE,
    end() {
      dispatch(textEditingStarted({ id: null, at: start.world }));
    },
  };
}

export function startCreateGesture(context: GestureContext, start: PointerSample, tool: Exclude<Tool, 'select'>) {
  switch (tool) {
    case 'pen':
      return penGesture(context, start);
    case 'text':
      return textGesture(context, start);
    default:
      return dragShapeGesture(context, start, tool);
  }
}
