import { expect, test } from '@playwright/test';
import { openAsNewUser } from './app-helpers.ts';
import { addShapeAt, shapeCount } from './editor-helpers.ts';

test('creates a drawing, saves what is drawn, and finds it again after a reload', async ({ page }) => {
  await openAsNewUser(page);
  await expect(page.getByRole('heading', { name: 'No drawings yet' })).toBeVisible();

  await page.getByRole('button', { name: 'New drawing' }).click();
  await page.getByRole('dialog', { name: 'New drawing' }).getByLabel('Title').fill('Garden plan');
  await page.getByRole('button', { name: 'Create and open' }).click();
  await expect(page.getByRole('heading', { name: 'Garden plan' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await addShapeAt(page, { x: 360, y: 180 });
  await addShapeAt(page, { x: 480, y: 300 }, 'Ellipse');
  await expect(page.getByRole('status').filter({ hasText: /Unsaved changes|Saving/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Garden plan' })).toBeVisible();
  await expect.poll(() => shapeCount(page)).toBe(2);

  await page.getByRole('link', { name: 'Drawings' }).first().click();
  await expect(page.getByRole('link', { name: 'Garden plan' })).toBeVisible();
});

test('renames and deletes a drawing from the list, asking before the delete', async ({ page }) => {
  await openAsNewUser(page);
  for (const title of ['First sketch', 'Second sketch']) {
    await page.getByRole('button', { name: 'New drawing' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Create and open' }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await page.getByRole('link', { name: 'Drawings' }).first().click();
  }

  await page.getByRole('button', { name: 'Rename First sketch' }).click();
  await page.getByLabel('Title').fill('Final sketch');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Final sketch' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Second sketch' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete drawing?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('link', { name: 'Second sketch' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Second sketch' }).click();
  await dialog.getByRole('button', { name: 'Delete drawing' }).click();
  await expect(page.getByRole('link', { name: 'Second sketch' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('link', { name: 'Final sketch' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Second sketch' })).toHaveCount(0);
});

test('shows a conflict when the drawing was saved in another tab, and keeps the chosen copy', async ({ page }) => {
  await openAsNewUser(page);
  await page.getByRole('button', { name: 'New drawing' }).click();
  await page.getByRole('button', { name: 'Create and open' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const other = await page.context().newPage();
  await other.goto(page.url());
  await addShapeAt(other, { x: 360, y: 180 });
  await expect(other.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await other.close();

  await addShapeAt(page, { x: 600, y: 300 });
  const dialog = page.getByRole('dialog', { name: 'This drawing was changed elsewhere' });
  await expect(dialog).toContainText('saved from another tab');
  await dialog.getByRole('button', { name: /Keep mine/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
});
