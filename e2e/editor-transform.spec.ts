import { expect, test, type Page } from '@playwright/test';
import { drag, inkNear, keepScreenshot, openEditor, pickTool, summary } from './editor-helpers.ts';

// A 200 x 100 rectangle from (400, 200) to (600, 300); the Transformer's box sits 4 px outside
// it, with the rotation handle 22 px above the top edge's middle.
const BOTTOM_RIGHT_HANDLE = { x: 604, y: 304 };
const ROTATION_HANDLE = { x: 500, y: 200 - 4 - 22 };
const CENTRE = { x: 500, y: 250 };

async function drawRect(page: Page) {
  await pickTool(page, 'Rectangle');
  await drag(page, { x: 400, y: 200 }, { x: 600, y: 300 });
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
}

/** Where the outline is, checked with the selection cleared (so the Transformer's box is not read). */
async function outlineAt(page: Page, points: { x: number; y: number }[]) {
  await page.keyboard.press('Escape');
  const found = [];
  for (const point of points) found.push(await inkNear(page, point));
  return found;
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('the corner handle resizes; undo and redo step over the whole drag', async ({ page }) => {
  await drawRect(page);
  await drag(page, BOTTOM_RIGHT_HANDLE, { x: 704, y: 354 });
  const edges = [
    { x: 700, y: 275 }, // new right edge
    { x: 550, y: 350 }, // new bottom edge
    { x: 600, y: 250 }, // old right edge, now inside
  ];
  expect(await outlineAt(page, edges)).toEqual([true, true, false]);
  await keepScreenshot(page, 'transform-resized');

  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => outlineAt(page, edges)).toEqual([false, false, true]);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => outlineAt(page, edges)).toEqual([true, true, false]);
});

test('the rotation handle turns the shape about its centre, snapping to 90°', async ({ page }) => {
  await drawRect(page);
  // From above the centre to (almost) right of it: a quarter turn clockwise.
  await drag(page, ROTATION_HANDLE, { x: CENTRE.x + 150, y: CENTRE.y + 4 });
  // Now 100 wide and 200 tall around the same centre.
  const edges = [
    { x: 450, y: 250 }, // left edge of the turned shape
    { x: 500, y: 150 }, // its top edge
    { x: 400, y: 250 }, // the old left edge
  ];
  expect(await outlineAt(page, edges)).toEqual([true, true, false]);
  await keepScreenshot(page, 'transform-rotated');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => outlineAt(page, edges)).toEqual([false, false, true]);
  await page.keyboard.press('ControlOrMeta+y');
  await expect.poll(() => outlineAt(page, edges)).toEqual([true, true, false]);
});

test('undo and redo walk back and forth through every kind of change', async ({ page }) => {
  await drawRect(page);
  await drag(page, { x: 400, y: 250 }, { x: 300, y: 250 }); // move left by its outline
  await page.keyboard.press('ControlOrMeta+d'); // duplicate
  await page.keyboard.press('Delete'); // delete the copy
  await expect(summary(page)).toHaveText('1 shape');

  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(redo).toBeDisabled();
  await undo.click();
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
  // Undo selects what it changed; an undone duplicate leaves nothing to select.
  await undo.click();
  await expect(summary(page)).toHaveText('1 shape');
  await undo.click();
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
  await page.keyboard.press('Escape');
  await expect.poll(() => inkNear(page, { x: 400, y: 250 })).toBe(true);
  await undo.click();
  await expect(summary(page)).toHaveText('0 shapes');
  await expect(undo).toBeDisabled();

  for (let i = 0; i < 4; i += 1) await redo.click();
  await expect(summary(page)).toHaveText('1 shape');
  await expect.poll(() => inkNear(page, { x: 300, y: 250 })).toBe(true);
});
