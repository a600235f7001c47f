import { FILL_SWATCHES, STROKE_SWATCHES } from '../palette';
import { measureText } from '../render/text';
import { createShape, type Shape, type ShapeType } from '../shapes';

/** A small deterministic PRNG (mulberry32), so every run and both renderers draw the same shapes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STROKES = STROKE_SWATCHES.map((swatch) => swatch.value);
const FILLS = FILL_SWATCHES.map((swatch) => swatch.value);
/** The mix: a quarter rects, a fifth ellipses and pen strokes, the rest lines, arrows and text. */
const MIX: [ShapeType, number][] = [
  ['rect', 0.25],
  ['ellipse', 0.2],
  ['pen', 0.2],
  ['line', 0.15],
  ['arrow', 0.1],
  ['text', 0.1],
];

function pickType(r: number): ShapeType {
  let sum = 0;
  for (const [type, share] of MIX) {
    sum += share;
    if (r < sum) return type;
  }
  return 'rect';
}

function wobble(next: () => number, size: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < 12; i += 1) points.push((i / 11) * size, Math.sin(i / 2 + next() * 3) * size * 0.3);
  return points;
}

export const DRAG_TARGET_ID = 'drag-target';

/**
 * `count` mixed shapes spread over `area` (the view at 100%), plus one filled rectangle on top
 * in the middle: the shape the drag benchmark moves.
 */
export function benchShapes(count: number, area: { width: number; height: number }): Shape[] {
  const next = random(count);
  const shapes: Shape[] = [];
  for (let i = 0; i < count; i += 1) {
    const type = pickType(next());
    const size = 16 + next() * 44;
    const common = {
      id: `s${i}`,
      x: next() * (area.width - 60),
      y: next() * (area.height - 60),
      stroke: STROKES[i % STROKES.length]!,
      fill: FILLS[Math.floor(next() * FILLS.length)]!,
      z: i,
    };
    if (type === 'rect' || type === 'ellipse') {
      shapes.push(createShape(type, { ...common, width: size, height: size * (0.5 + next()) }));
    } else if (type === 'text') {
      shapes.push(
        createShape('text', {
          ...common,
          fill: 'none',
          text: `Label ${i}`,
          fontSize: 14,
          ...measureText(`Label ${i}`, 14),
        }),
      );
    } else if (type === 'pen') {
      shapes.push(createShape('pen', { ...common, points: wobble(next, size) }));
    } else {
      shapes.push(createShape(type, { ...common, points: [0, 0, size, (next() - 0.5) * size] }));
    }
  }
  const target = { x: area.width / 2 - 40, y: area.height / 2 - 30, width: 80, height: 60 };
  shapes.push(createShape('rect', { id: DRAG_TARGET_ID, ...target, fill: '#4263eb', z: count }));
  return shapes;
}
