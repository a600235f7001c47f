import { expect, test, type Page } from '@playwright/test';
import { registerUser, signInThroughUi, uniqueEmail } from './app-helpers.ts';
import { OIDC_ISSUER } from './origins.ts';

/** At the test provider's login form: signs in as `email` (verified) and continues. */
async function signInAtProvider(page: Page, email: string) {
  await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER));
  await expect(page.getByRole('heading', { name: 'Test ID' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a new user signs in with a provider and lands where they were going', async ({ page }) => {
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('login-with-provider.png') });
  await page.getByRole('link', { name: 'Continue with Test ID' }).click();
  const email = uniqueEmail('oidc');
  await signInAtProvider(page, email);
  await expect(page.getByRole('heading', { name: 'Account and security' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  const linked = page.getByRole('list', { name: 'Linked accounts' });
  await expect(linked.getByText('Test ID')).toBeVisible();
  // No password yet: the only way in cannot be unlinked.
  await expect(linked.getByRole('button', { name: 'Unlink Test ID' })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('account-linked.png'), fullPage: true });

  // A reload restores the session from the HttpOnly cookie, as after a password sign-in.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Account and security' })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ/);
});

test('an existing account is not joined by email: its owner signs in, then links the provider', async ({
  page,
  request,
}) => {
  // Registered from outside the browser, which stays signed out.
  const owner = await registerUser(request, { prefix: 'owner' });
  await page.goto('/login');
  await page.getByRole('link', { name: 'Continue with Test ID' }).click();
  await signInAtProvider(page, owner.email);
  await expect(page).toHaveURL(/\/login\?error=oidc_account_exists/);
  await expect(page.getByRole('alert')).toContainText('sign in and link it');
  await page.screenshot({ path: test.info().outputPath('account-exists.png') });

  await signInThroughUi(page, owner);
  await page.goto('/account');
  await page.getByRole('button', { name: 'Link Test ID' }).click();
  // The provider remembers this browser from a moment ago: no form this time.
  await expect(page.getByRole('heading', { name: 'Account and security' })).toBeVisible();
  const linked = page.getByRole('list', { name: 'Linked accounts' });
  await expect(linked.getByText('Test ID')).toBeVisible();
  // With a password, the provider can be unlinked.
  await linked.getByRole('button', { name: 'Unlink Test ID' }).click();
  await expect(page.getByText('No provider is linked.')).toBeVisible();
});

test('the sign-in page at 400 px offers the provider below the form', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto('/login');
  const button = page.getByRole('link', { name: 'Continue with Test ID' });
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(400);
  await page.screenshot({ path: test.info().outputPath('login-400.png') });
});
