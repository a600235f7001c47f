/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { createDrawing, freshAccessToken, openAsNewAdmin, PASSWORD, registerUser } from './app-helpers.ts';

const WIDTHS = { desktop: 1280, phone: 400 } as const;

/** Kept as test artifacts: test-results/e2e/<test>/<name>-<width>.png (also attached to the report). */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const path = testInfo.outputPath(`${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
}

/** Records Content-Security-Policy violations from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (globalThis as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** The page has painted its content: no splash, no "loading" line. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('.splash')).toHaveCount(0);
  await expect(page.getByText(/^(Loading|Opening|Searching)/)).toHaveCount(0);
}

for (const [device, width] of Object.entries(WIDTHS)) {
  test(`every page renders within the CSP at ${width} px (${device}), screenshots kept`, async ({
    page,
    request,
  }, testInfo) => {
    test.setTimeout(40_000);
    await page.setViewportSize({ width, height: 860 });
    const cspViolations = await watchCsp(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    await page.goto('/login');
    await settled(page);
    await keepScreenshot(page, testInfo, 'login');
    await page.goto('/register');
    await settled(page);
    await keepScreenshot(page, testInfo, 'register');

    await registerUser(request, { prefix: 'shots' }); // someone to list on the admin page
    const admin = await openAsNewAdmin(page);
    await settled(page);
    expect(await overflow(), 'no sideways scrolling').toBeLessThanOrEqual(0);
    await keepScreenshot(page, testInfo, 'admin-users');

    await page.getByRole('link', { name: 'Roles' }).click();
    await settled(page);
    await keepScreenshot(page, testInfo, 'admin-roles');

    const token = await freshAccessToken(page.request, admin);
    for (const title of ['Floor plan', 'Logo ideas', 'Sprint board']) {
      await createDrawing(page.request, token, title);
    }
    await page.getByRole('link', { name: 'Drawings' }).click();
    await expect(page.getByRole('link', { name: 'Sprint board' })).toBeVisible();
    await settled(page);
    expect(await overflow(), 'no sideways scrolling').toBeLessThanOrEqual(0);
    await keepScreenshot(page, testInfo, 'drawings');

    await page.getByRole('button', { name: 'Delete Logo ideas' }).click();
    await keepScreenshot(page, testInfo, 'dialog-delete');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Floor plan' }).click();
    const canvas = page.locator('.konvajs-content canvas').first();
    await expect(canvas).toBeVisible();
    await canvas.click({ position: { x: 120, y: 120 } });
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await keepScreenshot(page, testInfo, 'editor');

    await page.getByRole('button', { name: /account menu/ }).click();
    await keepScreenshot(page, testInfo, 'user-menu');
    await page.getByRole('menuitem', { name: 'Account and security' }).click();
    await settled(page);
    expect(await overflow(), 'no sideways scrolling').toBeLessThanOrEqual(0);
    await keepScreenshot(page, testInfo, 'account');

    await page.goto('/no/such/page');
    await settled(page);
    await keepScreenshot(page, testInfo, 'not-found');

    expect(await cspViolations()).toEqual([]);
  });
}

test('signs in, moves around and signs out with the keyboard only', async ({ page, request }) => {
  const user = await registerUser(request, { prefix: 'keys' });
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeFocused();

  const menuButton = page.getByRole('button', { name: /account menu/ });
  for (let presses = 0; presses < 8 && !(await menuButton.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(menuButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Account and security' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuButton).toBeFocused();
  await expect(page.getByRole('menu')).toHaveCount(0);

  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
