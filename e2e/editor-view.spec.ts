import { expect, test, type Page } from '@playwright/test';
import { canvasRegion, colourAt, drag, keepScreenshot, openEditor, pickTool, wheel } from './editor-helpers.ts';

const LIGHT_BLUE = '#a5d8ff';
const WHITE = '#ffffff';

/** A filled 100 x 80 rectangle from (500, 300), deselected. */
async function drawTarget(page: Page) {
  await pickTool(page, 'Rectangle');
  await drag(page, { x: 500, y: 300 }, { x: 600, y: 380 });
  await page.getByRole('button', { name: 'Fill: Light blue' }).click();
  await page.keyboard.press('Escape');
}

const zoomLevel = (page: Page) => page.getByRole('button', { name: /^Zoom \d+%/ });

async function zoomPercent(page: Page): Promise<number> {
  const label = (await zoomLevel(page).textContent()) ?? '';
  return Number.parseInt(label, 10);
}

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test('the wheel zooms about the pointer: what is under it stays there', async ({ page }) => {
  await drawTarget(page);
  expect(await colourAt(page, { x: 620, y: 340 })).toBe(WHITE);
  // Three notches of a mouse wheel, towards the screen.
  for (let notch = 0; notch < 3; notch += 1) await wheel(page, { x: 550, y: 340 }, -100);
  await expect.poll(() => zoomPercent(page)).toBeGreaterThan(150);
  // The point under the pointer is still the rectangle's, and the rectangle grew around it
  // (read once the zoom has settled and the scene is drawn again).
  await expect.poll(() => colourAt(page, { x: 620, y: 340 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 550, y: 340 })).toBe(LIGHT_BLUE);

  for (let notch = 0; notch < 5; notch += 1) await wheel(page, { x: 550, y: 340 }, 100);
  await expect.poll(() => zoomPercent(page)).toBeLessThan(100);
  await expect.poll(() => colourAt(page, { x: 550, y: 340 })).toBe(LIGHT_BLUE);
  await keepScreenshot(page, 'view-zoomed-out');
});

test('space+drag and the middle button pan the canvas', async ({ page }) => {
  await drawTarget(page);
  await drag(page, { x: 800, y: 500 }, { x: 700, y: 450 }, { hold: [' '] });
  await expect.poll(() => colourAt(page, { x: 450, y: 290 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 590, y: 370 })).toBe(WHITE);

  await drag(page, { x: 700, y: 450 }, { x: 800, y: 500 }, { button: 'middle' });
  await expect.poll(() => colourAt(page, { x: 590, y: 370 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 450, y: 290 })).toBe(WHITE);
  // Panning is not an edit: nothing to undo beyond drawing and filling.
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('zoom buttons and keys step the zoom; Shift+1 fits the drawing, Ctrl+0 goes back to 100%', async ({ page }) => {
  await drawTarget(page);
  await expect(zoomLevel(page)).toHaveText('100%');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoomLevel(page)).toHaveText('125%');
  await page.keyboard.press('+');
  await expect(zoomLevel(page)).toHaveText('150%');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(zoomLevel(page)).toHaveText('80%');
  await page.keyboard.press('ControlOrMeta+0');
  await expect(zoomLevel(page)).toHaveText('100%');

  // Pan the drawing out of sight, then bring it back to the middle.
  await drag(page, { x: 900, y: 600 }, { x: 100, y: 100 }, { hold: [' '] });
  const box = (await canvasRegion(page).boundingBox())!;
  const middle = { x: Math.round(box.width / 2), y: Math.round(box.height / 2) };
  await expect.poll(() => colourAt(page, middle)).toBe(WHITE);
  await page.keyboard.press('Shift+Digit1');
  await expect.poll(() => colourAt(page, middle)).toBe(LIGHT_BLUE);
  await page.getByRole('button', { name: 'Fit to content' }).click();
  await expect(zoomLevel(page)).toHaveText('100%');
});

test('? opens the list of shortcuts; Escape and its close button close it', async ({ page }) => {
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Bring forward')).toBeVisible();
  await keepScreenshot(page, 'view-help');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('two fingers pinch to zoom about their midpoint', async ({ page }) => {
  await drawTarget(page);
  const box = (await canvasRegion(page).boundingBox())!;
  const mid = { x: box.x + 550, y: box.y + 340 };
  // Touch input as a touch screen sends it (Chromium turns it into touch pointer events).
  const cdp = await page.context().newCDPSession(page);
  const fingers = (spread: number) => [
    { x: mid.x - spread, y: mid.y, id: 1 },
    { x: mid.x + spread, y: mid.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
  for (let spread = 50; spread <= 100; spread += 10) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  // The fingers spread from 80 to 200 px apart: 250%.
  await expect(zoomLevel(page)).toHaveText('250%');
  expect(await colourAt(page, { x: 550, y: 340 })).toBe(LIGHT_BLUE);
  expect(await colourAt(page, { x: 640, y: 340 })).toBe(LIGHT_BLUE);
});
