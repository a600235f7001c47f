import { expect, test } from '@playwright/test';
import {
  click,
  colourAt,
  drag,
  inkIn,
  inkNear,
  keepScreenshot,
  openEditor,
  pickTool,
  stroke,
  summary,
  toolButton,
} from './editor-helpers.ts';

// Shapes are drawn right of x = 260: the style panel floats over the canvas's left side while a
// drawing tool is active or something is selected.
const WHITE = '#ffffff';

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('a rectangle and an ellipse are sized by the drag', async ({ page }) => {
  await pickTool(page, 'Rectangle');
  await drag(page, { x: 300, y: 200 }, { x: 500, y: 320 });
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
  await expect(toolButton(page, 'Select')).toHaveAttribute('aria-pressed', 'true');

  await pickTool(page, 'Ellipse');
  await drag(page, { x: 600, y: 200 }, { x: 800, y: 320 });
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
  await page.keyboard.press('Escape');
  await expect(summary(page)).toHaveText('2 shapes');

  // The rectangle's outline where the drag began and ended, nothing inside or beyond.
  expect(await inkNear(page, { x: 300, y: 260 })).toBe(true);
  expect(await inkNear(page, { x: 500, y: 260 })).toBe(true);
  expect(await inkNear(page, { x: 400, y: 320 })).toBe(true);
  expect(await colourAt(page, { x: 400, y: 260 })).toBe(WHITE);
  expect(await inkNear(page, { x: 530, y: 260 })).toBe(false);
  // The ellipse touches its box in the middle of each side, not in the corners.
  expect(await inkNear(page, { x: 600, y: 260 })).toBe(true);
  expect(await inkNear(page, { x: 700, y: 200 })).toBe(true);
  expect(await inkNear(page, { x: 606, y: 206 })).toBe(false);
  await keepScreenshot(page, 'tools-rect-ellipse');
});

test('a click with a shape tool makes one of the default size, centred on the click', async ({ page }) => {
  await pickTool(page, 'Rectangle');
  await click(page, { x: 500, y: 400 });
  await page.keyboard.press('Escape');
  await expect(summary(page)).toHaveText('1 shape');
  // 120 x 80 around the click.
  expect(await inkNear(page, { x: 440, y: 400 })).toBe(true);
  expect(await inkNear(page, { x: 560, y: 400 })).toBe(true);
  expect(await inkNear(page, { x: 500, y: 360 })).toBe(true);
  expect(await inkNear(page, { x: 500, y: 400 })).toBe(false);
});

test('lines and arrows go from where the drag starts to where it ends', async ({ page }) => {
  await pickTool(page, 'Line');
  await drag(page, { x: 300, y: 420 }, { x: 600, y: 420 });
  await pickTool(page, 'Arrow');
  await drag(page, { x: 300, y: 520 }, { x: 600, y: 520 });
  await page.keyboard.press('Escape');
  await expect(summary(page)).toHaveText('2 shapes');

  expect(await inkNear(page, { x: 450, y: 420 })).toBe(true);
  expect(await inkNear(page, { x: 620, y: 420 })).toBe(false);
  // The arrowhead's wings spread behind the tip; a plain line has none.
  expect(await inkNear(page, { x: 592, y: 515 }, 2)).toBe(true);
  expect(await inkNear(page, { x: 592, y: 525 }, 2)).toBe(true);
  expect(await inkNear(page, { x: 592, y: 415 }, 2)).toBe(false);
});

test('the pen draws where the pointer went and stays picked for the next stroke', async ({ page }) => {
  await pickTool(page, 'Pen');
  const wave = Array.from({ length: 25 }, (_, i) => ({ x: 320 + i * 12, y: 300 + Math.sin(i / 3) * 40 }));
  await stroke(page, wave);
  await expect(summary(page)).toHaveText('1 shape');
  await expect(toolButton(page, 'Pen')).toHaveAttribute('aria-pressed', 'true');
  for (const point of [wave[0]!, wave[8]!, wave[16]!, wave[24]!]) expect(await inkNear(page, point)).toBe(true);
  expect(await inkNear(page, { x: 400, y: 450 })).toBe(false);

  await stroke(page, [
    { x: 320, y: 500 },
    { x: 420, y: 520 },
    { x: 520, y: 500 },
  ]);
  await expect(summary(page)).toHaveText('2 shapes');
});

test('text is typed in place and edited again by double-click', async ({ page }) => {
  await pickTool(page, 'Text');
  await click(page, { x: 400, y: 300 });
  const editor = page.getByRole('textbox', { name: 'Text' });
  await expect(editor).toBeFocused();
  // "r", "o" and "d" are tool shortcuts: while typing they are just letters.
  await page.keyboard.type('rod and line');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
  await expect(toolButton(page, 'Select')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  expect(await inkIn(page, { x: 400, y: 285, width: 110, height: 30 })).toBeGreaterThan(30);

  await click(page, { x: 420, y: 300 }, { double: true });
  await expect(editor).toHaveValue('rod and line');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Hi');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
  await click(page, { x: 405, y: 300 }, { double: true });
  await expect(editor).toHaveValue('Hi');
  await page.keyboard.press('Escape');
  await keepScreenshot(page, 'tools-text');
});

test('emptying a text deletes it, and one undo brings it back', async ({ page }) => {
  await pickTool(page, 'Text');
  await click(page, { x: 400, y: 300 });
  await page.keyboard.type('gone soon');
  await page.keyboard.press('Escape');
  await click(page, { x: 420, y: 300 }, { double: true });
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  await expect(summary(page)).toHaveText('0 shapes');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
});
