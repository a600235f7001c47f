import { selectionChanged, shapesMoved } from '../../editorActions';
import { selectSelectedIds, selectSelectedShapes } from '../../editorSelectors';
import { boundsBetween, boundsOfShapes, contains } from '../../geometry';
import type { Point } from '../../shapes';
import {
  HIT_TOLERANCE,
  movedPastThreshold,
  NO_GESTURE,
  type Gesture,
  type GestureContext,
  type PointerSample,
} from './types';

/** Drags the shapes `ids`: their live copies follow the pointer, the store hears the total move. */
function moveGesture({ runtime, dispatch }: GestureContext, start: PointerSample, ids: string[]): Gesture {
  let moving = false;
  let origins = new Map<string, Point>();
  let delta = { x: 0, y: 0 };

  const place = (offset: Point) => {
    for (const node of runtime.proxies(ids)) {
      const origin = origins.get(node.id());
      if (origin) node.position({ x: origin.x + offset.x, y: origin.y + offset.y });
    }
  };

  return {
    move(sample) {
      if (!moving && !movedPastThreshold(start, sample)) return;
      if (!moving) {
        moving = true;
        runtime.lift(ids);
        origins = new Map(runtime.proxies(ids).map((node) => [node.id(), node.position()]));
      }
      delta = { x: sample.world.x - start.world.x, y: sample.world.y - start.world.y };
      // Shift keeps the move horizontal or vertical.
      if (sample.shift) delta = Math.abs(delta.x) >= Math.abs(delta.y) ? { x: delta.x, y: 0 } : { x: 0, y: delta.y };
      place(delta);
    },
    end() {
      if (!moving) return;
      if (delta.x !== 0 || delta.y !== 0) dispatch(shapesMoved(ids, delta.x, delta.y));
      runtime.drop();
    },
    cancel() {
      if (!moving) return;
      place({ x: 0, y: 0 });
      runtime.drop();
    },
  };
}

/** Drags out a selection rectangle; shapes wholly inside it are selected (added to `base`). */
function marqueeGesture({ runtime, dispatch }: GestureContext, start: PointerSample, base: string[]): Gesture {
  let dragging = false;
  return {
    move(sample) {
      if (!dragging && !movedPastThreshold(start, sample)) return;
      dragging = true;
      runtime.setMarquee(boundsBetween(start.world, sample.world));
    },
    end(sample) {
      runtime.setMarquee(null);
      if (!dragging) return;
      const inside = runtime.renderer.idsInside(boundsBetween(start.world, sample.world));
      dispatch(selectionChanged([...new Set([...base, ...inside])]));
    },
    cancel() {
      runtime.setMarquee(null);
    },
  };
}

/**
 * A press with the select tool: on a shape it selects (shift toggles) and starts moving the
 * selection; inside a multi-selection's box it moves them all; on empty canvas it clears the
 * selection (unless shift) and starts a marquee.
 */
export function startSelectGesture(context: GestureContext, start: PointerSample): Gesture {
  const { runtime, dispatch, getState } = context;
  const selected = selectSelectedIds(getState());
  const hit = runtime.renderer.hitTest(start.world, HIT_TOLERANCE / runtime.view().scale);
  if (hit) {
    const isSelected = selected.includes(hit.id);
    if (start.shift && isSelected) {
      dispatch(selectionChanged(selected.filter((id) => id !== hit.id)));
      return NO_GESTURE;
    }
    if (start.shift) dispatch(selectionChanged([...selected, hit.id]));
    else if (!isSelected) dispatch(selectionChanged([hit.id]));
    return moveGesture(context, start, selectSelectedIds(getState()));
  }
  const box = selected.length > 1 ? boundsOfShapes(selectSelectedShapes(getState())) : null;
  if (!start.shift && box && contains(box, { ...start.world, width: 0, height: 0 })) {
    return moveGesture(context, start, selected);
  }
  if (!start.shift && selected.length > 0) dispatch(selectionChanged([]));
  return marqueeGesture(context, start, start.shift ? selected : []);
}
