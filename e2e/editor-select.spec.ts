import { expect, test, type Page } from '@playwright/test';
import { click, colourAt, drag, inkNear, openEditor, pickTool, summary, type Point } from './editor-helpers.ts';

const LIGHT_BLUE = '#a5d8ff';
const LIGHT_RED = '#ffc9c9';

/** A 160 x 100 rectangle from `corner`, filled with `fill` through the style panel. */
async function filledRect(page: Page, corner: Point, fill: 'Light blue' | 'Light red') {
  await pickTool(page, 'Rectangle');
  await drag(page, corner, { x: corner.x + 160, y: corner.y + 100 });
  await page.getByRole('button', { name: `Fill: ${fill}` }).click();
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('click, shift-click and a marquee select; Escape and empty canvas deselect', async ({ page }) => {
  await filledRect(page, { x: 300, y: 150 }, 'Light blue');
  await filledRect(page, { x: 600, y: 150 }, 'Light red');
  await page.keyboard.press('Escape');
  await expect(summary(page)).toHaveText('2 shapes');

  await click(page, { x: 380, y: 200 });
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
  await click(page, { x: 680, y: 200 }, { shift: true });
  await expect(summary(page)).toHaveText('2 shapes, 2 selected');
  await click(page, { x: 680, y: 200 }, { shift: true });
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
  await click(page, { x: 900, y: 500 });
  await expect(summary(page)).toHaveText('2 shapes');

  // A marquee selects what lies wholly inside it.
  await drag(page, { x: 280, y: 120 }, { x: 800, y: 300 });
  await expect(summary(page)).toHaveText('2 shapes, 2 selected');
  await drag(page, { x: 280, y: 120 }, { x: 500, y: 300 });
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
});

test('dragging moves a shape, and one undo puts it back', async ({ page }) => {
  await filledRect(page, { x: 300, y: 150 }, 'Light blue');
  await drag(page, { x: 380, y: 200 }, { x: 580, y: 400 });
  await page.keyboard.press('Escape');
  expect(await colourAt(page, { x: 580, y: 400 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 380, y: 200 })).toBe('#ffffff');

  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => colourAt(page, { x: 380, y: 200 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 580, y: 400 })).toBe('#ffffff');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect.poll(() => colourAt(page, { x: 580, y: 400 })).toBe(LIGHT_BLUE);
});

test('Delete and Backspace delete, Ctrl+D duplicates, Ctrl+C / Ctrl+V copy and paste', async ({ page }) => {
  await filledRect(page, { x: 300, y: 150 }, 'Light blue');
  await page.keyboard.press('ControlOrMeta+d');
  await expect(summary(page)).toHaveText('2 shapes, 1 selected');
  // The copy lands 16 px right and down, on top.
  await page.keyboard.press('Escape');
  expect(await inkNear(page, { x: 476, y: 230 }, 2)).toBe(true);

  await click(page, { x: 330, y: 180 });
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(summary(page)).toHaveText('4 shapes, 1 selected');

  await page.keyboard.press('Delete');
  await expect(summary(page)).toHaveText('3 shapes');
  await click(page, { x: 330, y: 180 });
  await page.keyboard.press('Backspace');
  await expect(summary(page)).toHaveText('2 shapes');
});

test('bring forward and send backward change which shape shows where they overlap', async ({ page }) => {
  await filledRect(page, { x: 300, y: 150 }, 'Light blue');
  await filledRect(page, { x: 380, y: 200 }, 'Light red');
  const overlap = { x: 420, y: 230 };
  await expect.poll(() => colourAt(page, overlap)).toBe(LIGHT_RED);

  await page.keyboard.press('ControlOrMeta+BracketLeft');
  await expect.poll(() => colourAt(page, overlap)).toBe(LIGHT_BLUE);
  await page.keyboard.press('ControlOrMeta+BracketRight');
  await expect.poll(() => colourAt(page, overlap)).toBe(LIGHT_RED);
  await page.getByRole('button', { name: 'Send backward' }).click();
  await expect.poll(() => colourAt(page, overlap)).toBe(LIGHT_BLUE);
});

test('the style panel restyles the selection: stroke colour, width and opacity', async ({ page }) => {
  await filledRect(page, { x: 300, y: 150 }, 'Light blue');
  const panel = page.getByRole('region', { name: 'Style' });
  await panel.getByRole('button', { name: 'Stroke: Red' }).click();
  await panel.getByRole('button', { name: 'Stroke width: Extra bold' }).click();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  // An 8 px red outline: red 3 px inside the left edge, where a 2 px one would be fill.
  expect(await colourAt(page, { x: 303, y: 200 })).toBe('#e03131');

  await click(page, { x: 380, y: 200 });
  const opacity = panel.getByRole('slider', { name: 'Opacity' });
  await opacity.focus();
  await page.keyboard.press('Home');
  await expect(panel.getByText('0%')).toBeVisible();
  // Keys go to the slider while it has focus; shortcuts work again once it lets go.
  await opacity.blur();
  await expect.poll(() => colourAt(page, { x: 380, y: 200 })).toBe('#ffffff');
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => colourAt(page, { x: 380, y: 200 })).toBe(LIGHT_BLUE);
});
