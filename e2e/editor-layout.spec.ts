import { expect, test, type Page } from '@playwright/test';
import { click, drag, keepScreenshot, openEditor, pickTool, stroke, summary } from './editor-helpers.ts';

/** A small drawing of every kind of shape, laid out for a canvas at least `width` px wide. */
async function sketch(page: Page, width: number) {
  const s = width / 1280;
  const at = (x: number, y: number) => ({ x: x * s, y });
  await pickTool(page, 'Rectangle');
  await drag(page, at(300, 160), at(520, 300));
  await page.getByRole('button', { name: 'Fill: Light blue' }).click();
  await pickTool(page, 'Ellipse');
  await drag(page, at(620, 170), at(820, 300));
  await page.getByRole('button', { name: 'Fill: Light yellow' }).click();
  await pickTool(page, 'Arrow');
  await drag(page, at(520, 230), at(620, 235));
  await pickTool(page, 'Pen');
  await stroke(
    page,
    Array.from({ length: 16 }, (_, i) => at(860 + i * 14, 240 + Math.sin(i / 2) * 30)),
  );
  await pickTool(page, 'Text');
  await click(page, at(320, 380));
  await page.keyboard.type('Easel sketch');
  await page.keyboard.press('Escape');
  await click(page, at(410, 230));
  await expect(summary(page)).toHaveText('5 shapes, 1 selected');
}

/** Every button and field of the editor has a name a screen reader can announce. */
async function unnamedControls(page: Page): Promise<string[]> {
  const controls = page.locator('.ed-root').locator('button, input, textarea');
  const missing: string[] = [];
  for (const control of await controls.all()) {
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent())?.trim();
    if (!name)
      missing.push(await control.evaluate((element) => (element as unknown as { outerHTML: string }).outerHTML));
  }
  return missing;
}

test('desktop: floating toolbar, style panel for the selection, zoom and history controls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openEditor(page);
  await sketch(page, 1280);
  await expect(page.getByRole('region', { name: 'Style' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await keepScreenshot(page, 'layout-desktop');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await keepScreenshot(page, 'layout-desktop-help');
});

test('400 px wide: every control stays on screen and usable', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 760 });
  await openEditor(page);
  const toolbar = page.getByRole('toolbar', { name: 'Tools' });
  const bar = (await toolbar.boundingBox())!;
  expect(bar.x).toBeGreaterThanOrEqual(0);
  expect(bar.x + bar.width).toBeLessThanOrEqual(400);
  for (const name of ['Select', 'Rectangle', 'Text'])
    await expect(toolbar.getByRole('button', { name })).toBeInViewport();
  for (const name of ['Zoom in', 'Undo', 'Redo', 'Export', 'Keyboard shortcuts']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  // Nothing overlaps the bottom controls, and the page does not scroll sideways.
  const redo = (await page.getByRole('button', { name: 'Redo' }).boundingBox())!;
  const exportButton = (await page.getByRole('button', { name: 'Export', exact: true }).boundingBox())!;
  expect(redo.x + redo.width).toBeLessThan(exportButton.x);
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    ),
  ).toBeLessThanOrEqual(400);

  await pickTool(page, 'Rectangle');
  await drag(page, { x: 120, y: 120 }, { x: 280, y: 220 });
  await expect(summary(page)).toHaveText('1 shape, 1 selected');
  await expect(page.getByRole('region', { name: 'Style' })).toBeInViewport({ ratio: 1 });
  await keepScreenshot(page, 'layout-400-selected');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await keepScreenshot(page, 'layout-400-help');
});
