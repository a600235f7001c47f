import { expect, test, type Page } from '@playwright/test';
import { openEditor } from './app-helpers.ts';
import { addShapeAt, keepScreenshot, pickTool, shapeCount, stroke } from './editor-helpers.ts';

/**
 * Saving that never loses work: autosave by partial saves, a conflict between two tabs resolved
 * each way, a local draft restored after the tab closed mid-edit, and a lost network.
 */

const saveStatus = (page: Page) => page.locator('.save-status');
const expectSaved = (page: Page) => expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
const conflictDialog = (page: Page) => page.getByRole('dialog', { name: 'This drawing was changed elsewhere' });
const restoreDialog = (page: Page) => page.getByRole('dialog', { name: 'Restore unsaved changes?' });

async function keepBarScreenshot(page: Page, name: string): Promise<void> {
  await page.locator('.editor-bar').screenshot({ path: `test-results/editor-screenshots/${name}.png` });
}

test('autosaves only what changed, and every stroke is there after a reload', async ({ page }) => {
  await openEditor(page);
  const patches: Array<{ version: number; added: unknown[]; changed: unknown[]; removed: unknown[] }> = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH') patches.push(request.postDataJSON());
  });
  await addShapeAt(page, { x: 360, y: 180 });
  await expect(saveStatus(page)).toHaveText(/Unsaved changes|Saving…/);
  await keepBarScreenshot(page, 'save-unsaved');
  await expectSaved(page);
  await addShapeAt(page, { x: 520, y: 300 }, 'Ellipse');
  await pickTool(page, 'Pen');
  await stroke(page, [
    { x: 300, y: 380 },
    { x: 340, y: 360 },
    { x: 400, y: 400 },
    { x: 460, y: 370 },
  ]);
  await expectSaved(page);
  await keepBarScreenshot(page, 'save-saved');

  expect(patches.length).toBeGreaterThanOrEqual(2);
  expect(patches[0]).toMatchObject({ version: 1, changed: [], removed: [] });
  // Each request carries what changed since the last one, never the whole drawing again.
  for (const patch of patches) expect(patch.added.length + patch.changed.length).toBeLessThanOrEqual(2);

  await page.reload();
  await expect.poll(() => shapeCount(page)).toBe(3);
  await expect(restoreDialog(page)).toHaveCount(0);
  await expectSaved(page);
});

/** Two tabs on one drawing: the other tab saves two shapes first, then this one draws one and conflicts. */
async function conflictBetweenTabs(page: Page) {
  const { drawingId } = await openEditor(page);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.locator('.konvajs-content canvas').first()).toBeVisible();
  await addShapeAt(other, { x: 360, y: 180 }, 'Ellipse');
  await addShapeAt(other, { x: 460, y: 380 }, 'Ellipse');
  await expectSaved(other);

  await addShapeAt(page, { x: 600, y: 300 });
  await expect(conflictDialog(page)).toBeVisible({ timeout: 15_000 });
  await expect(saveStatus(page)).toHaveText('Changed elsewhere');
  return { drawingId, other };
}

test.describe('a conflict between two tabs', () => {
  test('is shown, never swallowed, and "Keep mine" overwrites the saved version', async ({ page }) => {
    const { other } = await conflictBetweenTabs(page);
    const dialog = conflictDialog(page);
    await expect(dialog).toContainText('Your version1 shape');
    await expect(dialog).toContainText('Saved version2 shapes');
    await keepScreenshot(page, 'save-conflict-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await page.setViewportSize({ width: 400, height: 720 });
    await keepScreenshot(page, 'save-conflict-dialog-400');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

    await dialog.getByRole('button', { name: /Keep mine/ }).click();
    await expect(dialog).toBeHidden();
    await expectSaved(page);
    expect(await shapeCount(page)).toBe(1);
    await other.reload();
    await expect.poll(() => shapeCount(other)).toBe(1);
  });

  test('"Take the saved version" loads the other tab’s drawing and drops mine', async ({ page }) => {
    const { other } = await conflictBetweenTabs(page);
    // Keyboard only: the dialog opens on its first choice.
    await expect(conflictDialog(page).getByRole('button', { name: /Keep mine/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(conflictDialog(page).getByRole('button', { name: /Take the saved version/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(conflictDialog(page)).toBeHidden();
    await expectSaved(page);
    await expect.poll(() => shapeCount(page)).toBe(2);
    await page.reload();
    await expect.poll(() => shapeCount(page)).toBe(2);
    await expect(restoreDialog(page)).toHaveCount(0);
    await other.close();
  });

  test('"Save mine as a copy" opens my drawing as a new one and leaves theirs in place', async ({ page }) => {
    const { drawingId, other } = await conflictBetweenTabs(page);
    await conflictDialog(page)
      .getByRole('button', { name: /Save mine as a copy/ })
      .click();
    await expect(page.getByRole('heading', { name: 'E2E drawing (copy)' })).toBeVisible();
    expect(page.url()).not.toContain(drawingId);
    await expect.poll(() => shapeCount(page)).toBe(1);
    await expectSaved(page);
    await other.reload();
    await expect.poll(() => shapeCount(other)).toBe(2);
    await page.getByRole('link', { name: 'Drawings' }).first().click();
    await expect(page.getByRole('link', { name: 'E2E drawing (copy)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'E2E drawing', exact: true })).toBeVisible();
  });
});

test.describe('a local draft', () => {
  test('is offered after the tab closed while its save could not get through, and restores', async ({ page }) => {
    await openEditor(page);
    const url = page.url();
    await page.route('**/api/drawings/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await addShapeAt(page, { x: 360, y: 180 });
    await addShapeAt(page, { x: 520, y: 300 }, 'Ellipse');
    await expect(saveStatus(page)).toHaveText('Offline — will save when back', { timeout: 15_000 });
    await page.close({ runBeforeUnload: false });

    const next = await page.context().newPage();
    await next.goto(url);
    await expect(restoreDialog(next)).toBeVisible();
    await expect(restoreDialog(next)).toContainText('2 changes');
    expect(await shapeCount(next)).toBe(0);
    await keepScreenshot(next, 'save-restore-dialog');
    await restoreDialog(next).getByRole('button', { name: 'Restore changes' }).click();
    await expect(restoreDialog(next)).toBeHidden();
    await expect.poll(() => shapeCount(next)).toBe(2);
    await expectSaved(next);
    await next.reload();
    await expect.poll(() => shapeCount(next)).toBe(2);
    await expect(restoreDialog(next)).toHaveCount(0);
  });

  test('survives closing the tab before the autosave fires, and can be discarded', async ({ page }) => {
    await openEditor(page);
    const url = page.url();
    // Closed right after the edit, inside the autosave delay. Should a slow machine let the
    // autosave start first, it does not get through either: the tab is gone as far as it knows.
    await page.route('**/api/drawings/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await addShapeAt(page, { x: 360, y: 180 });
    await page.close({ runBeforeUnload: false });

    const next = await page.context().newPage();
    await next.goto(url);
    await expect(restoreDialog(next)).toContainText('1 change');
    await restoreDialog(next).getByRole('button', { name: 'Discard them' }).click();
    await expect(restoreDialog(next)).toBeHidden();
    expect(await shapeCount(next)).toBe(0);
    await next.reload();
    await expect(next.locator('.konvajs-content canvas').first()).toBeVisible();
    await expect(restoreDialog(next)).toHaveCount(0);
  });
});

test('keeps drawing through a lost network, says so, and saves when it returns', async ({ page, context }) => {
  await openEditor(page);
  await context.setOffline(true);
  await addShapeAt(page, { x: 360, y: 180 });
  await expect(saveStatus(page)).toHaveText('Offline — will save when back', { timeout: 15_000 });
  await addShapeAt(page, { x: 520, y: 300 }, 'Ellipse');
  await keepScreenshot(page, 'save-offline');
  await keepBarScreenshot(page, 'save-offline-bar');
  await expect(saveStatus(page)).toHaveText('Offline — will save when back');

  await page.setViewportSize({ width: 400, height: 720 });
  await keepScreenshot(page, 'save-offline-400');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

  await context.setOffline(false);
  await expectSaved(page);
  await page.reload();
  await expect.poll(() => shapeCount(page)).toBe(2);
});
