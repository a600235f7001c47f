import { addShapeAt, canvasRegion, shapeCount } from './editor-helpers.ts';
import { expect, test, type Page, type Response } from '@playwright/test';
import { createDrawing, openAsNewUser } from './app-helpers.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './origins.ts';

const TTL_MS = ACCESS_TOKEN_TTL_SECONDS * 1000;
const isRefresh = (response: Response) => response.url().endsWith('/api/auth/refresh');

/** Counts refresh answers by status, from now on. */
function recordRefreshes(pages: Page[]) {
  const statuses: number[] = [];
  for (const page of pages) page.on('response', (r) => isRefresh(r) && statuses.push(r.status()));
  return statuses;
}

test('keeps working across several access-token expiries with no visible interruption', async ({ page }) => {
  test.setTimeout(45_000);
  const user = await openAsNewUser(page);
  const drawingId = await createDrawing(page.request, user.accessToken, 'Long session');
  await page.goto(`/drawings/${drawingId}`);
  await expect(canvasRegion(page)).toBeVisible();
  const refreshes = recordRefreshes([page]);
  const failures: string[] = [];
  page.on(
    'response',
    (r) => r.url().includes('/api/') && r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`),
  );

  // Draw a shape every ~2.5 s for more than three token lifetimes; each one is saved.
  // Right of x = 260: the style panel floats over the canvas's left side while a tool is picked.
  const spots = [320, 460, 600, 740, 880, 1020].flatMap((x) => [200, 380].map((y) => ({ x, y })));
  const deadline = Date.now() + 3 * TTL_MS + 1_000;
  let drawn = 0;
  while (Date.now() < deadline) {
    await addShapeAt(page, spots[drawn]!);
    drawn += 1;
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.waitForTimeout(2_500);
  }

  expect(page.url()).toContain(`/drawings/${drawingId}`);
  expect(refreshes.length, 'the token was renewed in the background').toBeGreaterThanOrEqual(3);
  expect(refreshes.every((status) => status === 200)).toBe(true);
  expect(failures, 'no API call was refused on the way').toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Long session' })).toBeVisible();
  await expect.poll(() => shapeCount(page)).toBe(drawn);
});

/** Freezes a tab as the browser does to a sleeping laptop's tabs: no timers, no script. */
async function setFrozen(page: Page, frozen: boolean): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: frozen ? 'frozen' : 'active' });
  await cdp.detach();
}

test('three tabs whose tokens expire together all keep working on one session', async ({ page, context }) => {
  test.setTimeout(40_000);
  await openAsNewUser(page);
  const tabs = [page, await context.newPage(), await context.newPage()];
  for (const tab of tabs.slice(1)) {
    await tab.goto('/drawings');
    await expect(tab.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  }

  // All three sleep past the token's expiry, then wake at once, as after a closed laptop lid.
  await Promise.all(tabs.map((tab) => setFrozen(tab, true)));
  await page.waitForTimeout(TTL_MS + 1_500);
  const refreshes = recordRefreshes(tabs);
  await Promise.all(tabs.map((tab) => setFrozen(tab, false)));

  // Each tab calls the API at once: every call needs a renewed token.
  await Promise.all(
    tabs.map(async (tab, index) => {
      await tab.getByRole('button', { name: 'New drawing' }).first().click();
      await tab.getByLabel('Title').fill(`Tab ${index + 1}`);
      await tab.getByRole('button', { name: 'Create and open' }).click();
      await expect(tab.getByRole('heading', { name: `Tab ${index + 1}` })).toBeVisible();
    }),
  );
  expect(refreshes.length).toBeGreaterThanOrEqual(1);
  expect(
    refreshes.every((status) => status === 200),
    `refresh statuses: ${refreshes.join(', ')}`,
  ).toBe(true);
  expect(refreshes.length, 'the tabs shared renewed tokens instead of each refreshing').toBeLessThan(tabs.length);

  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Account and security' }).click();
  const devices = page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');
  await expect(devices).toHaveCount(1);
  await expect(devices.first()).toContainText('This device');
});

test('signing out in one tab signs out every other tab at once', async ({ page, context }) => {
  await openAsNewUser(page);
  const other = await context.newPage();
  await other.goto('/account');
  await expect(other.getByRole('heading', { name: 'Account and security' })).toBeVisible();

  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 2_000 });
  await expect(other.getByRole('status')).toHaveText('You signed out in another tab.');
  await other.reload();
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
