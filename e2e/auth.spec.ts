/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, registerUser, signInThroughUi, signOutThroughMenu, uniqueEmail } from './app-helpers.ts';

/** Everything a script in the page could read and keep between loads. */
function readBrowserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const stores = [localStorage, sessionStorage].map((store) =>
      Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`),
    );
    const databases = (await indexedDB.databases()).map((db) => db.name ?? '');
    return JSON.stringify({ stores, cookie: document.cookie, databases });
  });
}

test('registers, signs out and signs back in through the pages', async ({ page }) => {
  const email = uniqueEmail('signup');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('link', { name: 'Create an account' }).click();

  await page.getByLabel('Name').fill('Grace Hopper');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password must be at least 8 characters')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Grace Hopper, account menu/ })).toBeVisible();

  await signOutThroughMenu(page);
  // Signed out on the server too: a reload does not bring the session back.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is wrong');

  await signInThroughUi(page, { email, password: PASSWORD });
});

test('says an email is taken next to the email field', async ({ page, request }) => {
  const existing = await registerUser(request);
  await page.goto('/register');
  await page.getByLabel('Email').fill(existing.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('An account with this email already exists')).toBeVisible();
});

test('keeps the session across a reload without the token in any storage a script can read', async ({ page }) => {
  const user = await registerUser(page.request);
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
  await page.goto('/drawings');
  const { accessToken } = (await (await refreshed).json()) as { accessToken: string };
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();

  const again = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
  await page.reload();
  const { accessToken: afterReload } = (await (await again).json()) as { accessToken: string };
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  await expect(page.getByRole('button', { name: /account menu/ })).toContainText(user.name);

  const storage = await readBrowserStorage(page);
  for (const token of [accessToken, afterReload]) expect(storage).not.toContain(token);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // The refresh cookie exists, but only the browser can see it.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'easel_refresh')).toMatchObject({ httpOnly: true, path: '/api/auth' });
});

test('sends a signed-out visitor to sign in, then back to the page they asked for', async ({ page, request }) => {
  // The standalone request context keeps its cookie to itself: the browser stays signed out.
  const user = await registerUser(request);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Account and security' })).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);
});

test('registers through the API with an HttpOnly, Secure, SameSite=Strict refresh cookie on /api/auth', async ({
  request,
}) => {
  const response = await request.post('/api/auth/register', {
    data: { email: uniqueEmail('cookie'), password: PASSWORD, name: 'E2E' },
  });
  expect(response.status()).toBe(201);
  const refresh = response
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === 'set-cookie')
    .map(({ value }) => value)
    .find((line) => line.startsWith('easel_refresh='));
  const [pair = '', ...attributes] = (refresh ?? '').split(';').map((part) => part.trim());
  expect(pair).toMatch(/^easel_refresh=[\w-]{43}$/);
  expect(attributes).toEqual(
    expect.arrayContaining([
      'HttpOnly',
      'Secure',
      'SameSite=Strict',
      'Path=/api/auth',
      expect.stringMatching(/^Max-Age=\d+$/),
    ]),
  );
});
