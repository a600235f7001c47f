import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { drag, openEditor, pickTool } from './editor-helpers.ts';

// A 200 x 100 rectangle with a 2 px outline: it paints 202 x 102 px; exports add 20 px all round.
const EXPECTED = { width: 242, height: 142 };

async function exportAs(page: Page, item: 'PNG image' | 'SVG image'): Promise<{ name: string; bytes: Buffer }> {
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const download = await downloaded;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

// Decoding runs in the browser; the root tsconfig has no DOM types, so what it uses is spelled out.
interface Decoder {
  atob(text: string): string;
  Blob: new (parts: unknown[], options: { type: string }) => unknown;
  createImageBitmap(blob: unknown): Promise<{ width: number; height: number }>;
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
    };
  };
}

/** Decodes the PNG as the browser would and reads its size and two pixels. */
function decodePng(page: Page, png: Buffer) {
  return page.evaluate(async (base64) => {
    const browser = globalThis as unknown as Decoder;
    const bytes = Uint8Array.from(browser.atob(base64), (c) => c.charCodeAt(0));
    const image = await browser.createImageBitmap(new browser.Blob([bytes], { type: 'image/png' }));
    const ctx = new browser.OffscreenCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const at = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    return { width: image.width, height: image.height, outline: at(21, 71), inside: at(121, 71), margin: at(5, 5) };
  }, png.toString('base64'));
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
  await pickTool(page, 'Rectangle');
  await drag(page, { x: 300, y: 200 }, { x: 500, y: 300 });
});

test('exports the drawing as a PNG the size of the drawing', async ({ page }) => {
  const { name, bytes } = await exportAs(page, 'PNG image');
  expect(name).toBe('drawing.png');
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  const png = await decodePng(page, bytes);
  expect({ width: png.width, height: png.height }).toEqual(EXPECTED);
  // The outline, 20 px in from the left; white inside and in the margin (no selection handles).
  expect(png.outline.slice(0, 3).every((channel) => channel < 80)).toBe(true);
  expect(png.inside).toEqual([255, 255, 255, 255]);
  expect(png.margin).toEqual([255, 255, 255, 255]);
});

test('exports the same drawing as SVG', async ({ page }) => {
  const { name, bytes } = await exportAs(page, 'SVG image');
  expect(name).toBe('drawing.svg');
  const svg = bytes.toString('utf8');
  expect(svg).toContain(`width="${EXPECTED.width}" height="${EXPECTED.height}"`);
  expect(svg).toContain('<rect width="200" height="100" fill="none" stroke="#1e1e1e" stroke-width="2"/>');
});
