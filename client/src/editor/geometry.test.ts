import { describe, expect, it } from 'vitest';
import { drawingAsSvg } from './export/exportSvg';
import { exportArea, EXPORT_PADDING } from './export/exportImage';
import { arrowHeadWings, localBounds, worldBounds } from './geometry';
import { hitTest } from './hitTest';
import { SceneRenderer } from './render/SceneRenderer';
import { createShape } from './shapes';
import { applyTransform } from './transform';
import { fitView, steppedScale, wheelZoomFactor, zoomAt } from './viewport';

const box = { width: 100, height: 50 };

describe('geometry', () => {
  it('measures boxes and paths in their own coordinates', () => {
    expect(localBounds(createShape('rect', box))).toEqual({ x: 0, y: 0, ...box });
    expect(localBounds(createShape('pen', { points: [-5, 2, 10, -8, 3, 4] }))).toEqual({
      x: -5,
      y: -8,
      width: 15,
      height: 12,
    });
  });

  it('puts rotated shapes’ painted boxes in the world, stroke included', () => {
    const shape = createShape('rect', { x: 10, y: 10, ...box, rotation: 90, strokeWidth: 2 });
    const bounds = worldBounds(shape);
    // Turned about its origin by 90°: it now spans x -41..11 and y 9..111.
    expect(bounds.x).toBeCloseTo(-41);
    expect(bounds.y).toBeCloseTo(9);
    expect(bounds.width).toBeCloseTo(52);
    expect(bounds.height).toBeCloseTo(102);
  });

  it('puts arrowhead wings behind the tip', () => {
    const [left, right] = arrowHeadWings(createShape('arrow', { points: [0, 0, 100, 0] }))!;
    expect(left.x).toBeLessThan(100);
    expect(right.x).toBeLessThan(100);
    expect(Math.sign(left.y)).toBe(-Math.sign(right.y));
  });
});

describe('hit testing', () => {
  const hollow = createShape('rect', { x: 0, y: 0, ...box, fill: 'none', strokeWidth: 2 });
  const filled = { ...hollow, fill: '#a5d8ff' };

  it('hits an unfilled box on its outline, and only hollowly inside', () => {
    expect(hitTest(hollow, { x: 0, y: 25 }, 2)).toBe('painted');
    expect(hitTest(hollow, { x: 50, y: 25 }, 2)).toBe('hollow');
    expect(hitTest(hollow, { x: 150, y: 25 }, 2)).toBeNull();
    expect(hitTest(filled, { x: 50, y: 25 }, 2)).toBe('painted');
  });

  it('follows rotation, ellipses and strokes', () => {
    const turned = { ...filled, rotation: 90 };
    expect(hitTest(turned, { x: -25, y: 50 }, 0)).toBe('painted');
    expect(hitTest(turned, { x: 50, y: 25 }, 0)).toBeNull();
    const ellipse = createShape('ellipse', { ...box, fill: '#ffffff' });
    expect(hitTest(ellipse, { x: 50, y: 25 }, 0)).toBe('painted');
    expect(hitTest(ellipse, { x: 2, y: 2 }, 0)).toBeNull();
    const line = createShape('line', { points: [0, 0, 100, 100], strokeWidth: 4 });
    expect(hitTest(line, { x: 52, y: 48 }, 1)).toBe('painted');
    expect(hitTest(line, { x: 60, y: 40 }, 1)).toBeNull();
  });

  it('picks the topmost painted shape, else the smallest hollow one around the point', () => {
    const renderer = new SceneRenderer();
    const big = createShape('rect', { id: 'big', x: 0, y: 0, width: 400, height: 400 });
    const small = createShape('rect', { id: 'small', x: 100, y: 100, width: 50, height: 50 });
    const dot = createShape('ellipse', { id: 'dot', x: 300, y: 300, width: 20, height: 20, fill: '#000000' });
    renderer.setShapes([small, big, dot]);
    expect(renderer.hitTest({ x: 120, y: 120 }, 1)?.id).toBe('small');
    expect(renderer.hitTest({ x: 310, y: 310 }, 1)?.id).toBe('dot');
    expect(renderer.hitTest({ x: 0, y: 200 }, 1)?.id).toBe('big');
    expect(renderer.hitTest({ x: 900, y: 900 }, 1)).toBeNull();
    expect(renderer.idsInside({ x: 90, y: 90, width: 300, height: 300 })).toEqual(['small', 'dot']);
  });
});

describe('scene changes', () => {
  it('names the areas to redraw: where a changed shape was and is, and added or removed ones', () => {
    const renderer = new SceneRenderer();
    const a = createShape('rect', { id: 'a', x: 0, y: 0, width: 10, height: 10, strokeWidth: 0 });
    const b = createShape('rect', { id: 'b', x: 100, y: 0, width: 10, height: 10, strokeWidth: 0 });
    expect(renderer.setShapes([a, b])).toBeNull(); // first load: everything
    const moved = { ...b, x: 200 };
    const c = createShape('rect', { id: 'c', x: 50, y: 50, width: 5, height: 5, strokeWidth: 0 });
    expect(renderer.setShapes([moved, c])).toEqual([
      { x: 200, y: 0, width: 10, height: 10 },
      { x: 100, y: 0, width: 10, height: 10 },
      { x: 50, y: 50, width: 5, height: 5 },
      { x: 0, y: 0, width: 10, height: 10 },
    ]);
    expect(renderer.setHidden(['c'])).toEqual([{ x: 50, y: 50, width: 5, height: 5 }]);
    expect(renderer.setHidden(['c'])).toEqual([]);
  });

  it('asks for a full redraw when too much changed', () => {
    const renderer = new SceneRenderer();
    const many = Array.from({ length: 200 }, () => createShape('rect'));
    renderer.setShapes(many);
    expect(renderer.setShapes(many.map((shape) => ({ ...shape, x: 1 })))).toBeNull();
  });
});

describe('transforms', () => {
  it('bake scale into geometry, not into stroke width', () => {
    const rect = createShape('rect', { ...box, strokeWidth: 3 });
    expect(applyTransform(rect, { x: 5, y: 6, rotation: 30, scaleX: 2, scaleY: 0.5 })).toMatchObject({
      x: 5,
      y: 6,
      rotation: 30,
      width: 200,
      height: 25,
      strokeWidth: 3,
    });
    const line = createShape('line', { points: [0, 0, 10, 20] });
    expect(applyTransform(line, { x: 0, y: 0, rotation: 0, scaleX: 3, scaleY: 2 }).points).toEqual([0, 0, 30, 40]);
  });

  it('ignore a transform that is not a number', () => {
    const rect = createShape('rect');
    expect(applyTransform(rect, { x: Number.NaN, y: 0, rotation: 0, scaleX: 1, scaleY: 1 })).toBe(rect);
  });
});

describe('viewport math', () => {
  it('zooms about a point, keeping what is under it in place', () => {
    const view = zoomAt({ x: 10, y: 20, scale: 1 }, { x: 110, y: 220 }, 2);
    expect(view).toEqual({ x: -90, y: -180, scale: 2 });
  });

  it('steps through zoom levels and clamps', () => {
    expect(steppedScale(1, 1)).toBe(1.25);
    expect(steppedScale(1, -1)).toBe(0.8);
    expect(steppedScale(1.1, -1)).toBe(1);
    expect(steppedScale(10, 1)).toBe(10);
  });

  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoomFactor({ deltaY: -100, deltaMode: 0, ctrlKey: false })).toBeGreaterThan(1);
    expect(wheelZoomFactor({ deltaY: 3, deltaMode: 1, ctrlKey: false })).toBeLessThan(1);
  });

  it('fits a drawing with a margin, never past 100%', () => {
    const size = { width: 800, height: 600 };
    expect(fitView({ x: 0, y: 0, width: 100, height: 100 }, size).scale).toBe(1);
    const view = fitView({ x: 0, y: 0, width: 2000, height: 500 }, size);
    expect(view.scale).toBeCloseTo((800 - 96) / 2000);
    expect(fitView(null, size)).toEqual({ x: 0, y: 0, scale: 1 });
  });
});

describe('export', () => {
  it('covers what the shapes paint plus the padding, on whole pixels', () => {
    const rect = createShape('rect', { x: 10, y: 20, width: 200, height: 100, strokeWidth: 2 });
    expect(exportArea([rect])).toEqual({
      x: 9 - EXPORT_PADDING,
      y: 19 - EXPORT_PADDING,
      width: 202 + 2 * EXPORT_PADDING,
      height: 102 + 2 * EXPORT_PADDING,
    });
  });

  it('writes SVG with one element per shape and escaped text', () => {
    const shapes = [
      createShape('rect', box),
      createShape('ellipse', box),
      createShape('arrow'),
      createShape('pen', { points: [0, 0, 5, 5, 10, 0] }),
      createShape('text', { text: 'a < b & "c"', fontSize: 20, width: 80, height: 25 }),
    ];
    const svg = drawingAsSvg(shapes);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('svg > g')).toHaveLength(5);
    expect(doc.querySelector('text')?.textContent).toBe('a < b & "c"');
    expect(doc.documentElement.getAttribute('width')).toBe(String(exportArea(shapes).width));
  });
});
