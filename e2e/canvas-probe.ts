import type { Page } from '@playwright/test';

// The root tsconfig has no DOM lib, so the little of the browser these probes touch is spelled out.
interface KonvaGlobal {
  stages: { find(selector: string): unknown[] }[];
}
interface CanvasElement {
  width: number;
  clientWidth: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> };
  } | null;
}

export interface Point {
  x: number;
  y: number;
}

/** Red, green, blue, alpha (0-255), as the canvas holds them. */
type Rgba = [number, number, number, number];

/** The layer's <canvas>; Easel draws every shape on one Konva layer. */
export const canvasOf = (page: Page) => page.locator('.konvajs-content canvas');

/**
 * How many shape nodes the stage holds. Konva registers itself as `window.Konva` (also in the
 * production bundle), which makes the scene graph countable without reading app state.
 */
export function countShapes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const konva = (globalThis as unknown as { Konva?: KonvaGlobal }).Konva;
    if (!konva) throw new Error('window.Konva is missing: the bundle no longer registers Konva globally');
    return konva.stages.reduce((count, stage) => count + stage.find('.shape').length, 0);
  });
}

/** The pixels of one row of the canvas from `from` (CSS pixels within the canvas), `length` long. */
function readRow(page: Page, from: Point, length: number): Promise<Rgba[]> {
  return canvasOf(page).evaluate(
    (element, { from, length }) => {
      const canvas = element as unknown as CanvasElement;
      const scale = canvas.width / canvas.clientWidth;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('the Konva layer has no 2d context');
      const x = Math.round(from.x * scale);
      const y = Math.round(from.y * scale);
      const { data } = context.getImageData(x, y, Math.max(1, Math.round(length * scale)), 1);
      const row: Rgba[] = [];
      for (let i = 0; i < data.length; i += 4) {
        row.push([data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0]);
      }
      return row;
    },
    { from, length },
  );
}

const toHex = ([r, g, b, a]: Rgba) =>
  a === 0 ? 'transparent' : `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;

/** What is drawn at one point of the canvas: `#rrggbb`, or `transparent` where nothing is. */
export async function colourAt(page: Page, point: Point): Promise<string> {
  const [pixel] = await readRow(page, point, 1);
  if (!pixel) throw new Error(`no pixel at ${point.x},${point.y}`);
  return toHex(pixel);
}

/**
 * Whether the outline of a default-sized shape centred at `centre` is drawn in `hex`, read where
 * it crosses the shape's horizontal middle on the left. Shapes are 120 px wide
 * (client/src/editor/shapes.ts), so that is 60 px left of the centre; a few pixels either side
 * absorb sub-pixel placement and anti-aliasing.
 */
export async function outlineHasColour(page: Page, centre: Point, hex: string): Promise<boolean> {
  const row = await readRow(page, { x: centre.x - 65, y: centre.y }, 11);
  const expected = Number.parseInt(hex.slice(1), 16);
  const channels = [(expected >> 16) & 0xff, (expected >> 8) & 0xff, expected & 0xff];
  return row.some((pixel) => pixel[3] === 255 && channels.every((c, i) => Math.abs(c - (pixel[i] ?? 0)) <= 8));
}
