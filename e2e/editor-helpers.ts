import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { openEditor as openDrawingAsNewUser } from './app-helpers.ts';

/**
 * What the editor specs share: the one way to open the editor, real pointer gestures in canvas
 * coordinates, and probes of what the canvas shows (its pixels, composited like the screen).
 */

export interface Point {
  x: number;
  y: number;
}

export type ToolName = 'Select' | 'Rectangle' | 'Ellipse' | 'Line' | 'Arrow' | 'Pen' | 'Text';

/**
 * Opens the editor on a new drawing of a new user (e2e/app-helpers.ts). Every editor spec
 * navigates through here only.
 */
export async function openEditor(page: Page): Promise<void> {
  await openDrawingAsNewUser(page);
  await expect(canvasRegion(page).locator('.konvajs-content canvas').first()).toBeVisible();
}

export const canvasRegion = (page: Page): Locator => page.getByRole('region', { name: 'Drawing canvas' });

export const toolButton = (page: Page, name: ToolName): Locator =>
  page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name, exact: true });

export async function pickTool(page: Page, name: ToolName): Promise<void> {
  await toolButton(page, name).click();
  await expect(toolButton(page, name)).toHaveAttribute('aria-pressed', 'true');
}

/** The canvas's summary for screen readers: "3 shapes, 1 selected". */
export const summary = (page: Page): Locator => page.getByTestId('canvas-summary');

async function toPage(page: Page, point: Point): Promise<Point> {
  const box = await canvasRegion(page).boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  return { x: box.x + point.x, y: box.y + point.y };
}

export interface DragOptions {
  steps?: number;
  button?: 'left' | 'middle';
  /** Keys held during the whole gesture, e.g. ['Shift'] or [' '] (space). */
  hold?: string[];
}

/** Presses at `from`, moves to `to` in `steps` pointer moves, releases: a real pointer gesture. */
export async function drag(page: Page, from: Point, to: Point, options: DragOptions = {}): Promise<void> {
  const { steps = 12, button = 'left', hold = [] } = options;
  const start = await toPage(page, from);
  const end = await toPage(page, to);
  for (const key of hold) await page.keyboard.down(key);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down({ button });
  await page.mouse.move(end.x, end.y, { steps });
  await page.mouse.up({ button });
  for (const key of hold) await page.keyboard.up(key);
}

/** Moves along `points` with the button held (a pen stroke). */
export async function stroke(page: Page, points: Point[]): Promise<void> {
  const [first, ...rest] = points;
  if (!first) return;
  const start = await toPage(page, first);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (const point of rest) {
    const at = await toPage(page, point);
    await page.mouse.move(at.x, at.y, { steps: 2 });
  }
  await page.mouse.up();
}

export async function click(page: Page, at: Point, options: { shift?: boolean; double?: boolean } = {}) {
  const point = await toPage(page, at);
  if (options.shift) await page.keyboard.down('Shift');
  if (options.double) await page.mouse.dblclick(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
  if (options.shift) await page.keyboard.up('Shift');
}

export async function wheel(page: Page, at: Point, deltaY: number): Promise<void> {
  const point = await toPage(page, at);
  await page.mouse.move(point.x, point.y);
  await page.mouse.wheel(0, deltaY);
}

// The root tsconfig has no DOM lib, so the little of the browser the pixel probe touches is spelled out.
interface Canvas2D {
  fillStyle: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  drawImage(image: unknown, ...coordinates: number[]): void;
  getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> };
}
interface CanvasLike {
  width: number;
  height: number;
  clientWidth: number;
  getContext(kind: '2d'): Canvas2D;
}
interface BrowserGlobals {
  document: { createElement(tag: 'canvas'): CanvasLike };
  getComputedStyle(element: unknown): { display: string };
}

/** The canvas's visible layers composited on white over `box` (CSS pixels), as RGB triples. */
export function readPixels(page: Page, box: { x: number; y: number; width: number; height: number }) {
  return canvasRegion(page)
    .locator('.konvajs-content canvas')
    .evaluateAll((elements, area) => {
      const browser = globalThis as unknown as BrowserGlobals;
      const layers = (elements as unknown as CanvasLike[]).filter(
        (layer) => browser.getComputedStyle(layer).display !== 'none',
      );
      const first = layers[0];
      // Mid pan or zoom the layers are hidden (a bitmap stands in): nothing to read but white.
      const ratio = first ? first.width / first.clientWidth : 1;
      const out = browser.document.createElement('canvas');
      out.width = Math.max(1, Math.round(area.width * ratio));
      out.height = Math.max(1, Math.round(area.height * ratio));
      const ctx = out.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, out.width, out.height);
      for (const layer of layers) {
        ctx.drawImage(layer, area.x * ratio, area.y * ratio, out.width, out.height, 0, 0, out.width, out.height);
      }
      const data = ctx.getImageData(0, 0, out.width, out.height).data;
      const pixels: [number, number, number][] = [];
      for (let i = 0; i < data.length; i += 4) pixels.push([data[i]!, data[i + 1]!, data[i + 2]!]);
      return pixels;
    }, box);
}

const hex = ([r, g, b]: [number, number, number]) =>
  `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;

/** The colour the canvas shows at one point, e.g. "#ffffff" where nothing is drawn. */
export async function colourAt(page: Page, at: Point): Promise<string> {
  const [pixel] = await readPixels(page, { x: Math.round(at.x), y: Math.round(at.y), width: 1, height: 1 });
  return hex(pixel!);
}

/** How many pixels in `box` are clearly not white: "is something drawn here". */
export async function inkIn(page: Page, box: { x: number; y: number; width: number; height: number }) {
  const pixels = await readPixels(page, box);
  return pixels.filter(([r, g, b]) => r + g + b < 600).length;
}

/** Whether anything is drawn within `radius` px of `at` (anti-aliasing moves strokes by a pixel). */
export async function inkNear(page: Page, at: Point, radius = 3): Promise<boolean> {
  const box = {
    x: Math.round(at.x - radius),
    y: Math.round(at.y - radius),
    width: radius * 2 + 1,
    height: radius * 2 + 1,
  };
  return (await inkIn(page, box)) > 0;
}

/** Keeps a screenshot as a test artifact (test-results/ is git-ignored). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/editor-screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/editor-screenshots/${name}.png` });
}

/**
 * Draws a default-sized shape of the tool where the canvas is clicked (the tool then goes back to
 * select). Keep `at` right of x = 260: the style panel covers the left while a tool is picked.
 */
export async function addShapeAt(page: Page, at: Point, tool: ToolName = 'Rectangle'): Promise<void> {
  await pickTool(page, tool);
  await click(page, at);
}

/** How many shapes the canvas says it shows ("3 shapes, 1 selected"). */
export async function shapeCount(page: Page): Promise<number> {
  const text = (await summary(page).textContent()) ?? '';
  return Number(/^(\d+) shapes?/.exec(text)?.[1] ?? Number.NaN);
}
