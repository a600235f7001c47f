/// <reference lib="dom" />
import { expect, test, type CDPSession, type Page, type TestInfo } from '@playwright/test';
import { generate } from 'otplib';
import { openAsNewAdmin, openAsNewUser, PASSWORD, registerUser, uniqueEmail } from './app-helpers.ts';
import { PASSKEY_ORIGIN } from './origins.ts';

/** Kept as test artifacts: test-results/e2e/<test>/<name>-<width>.png. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const path = testInfo.outputPath(`${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
}

/** The code an authenticator app shows `stepsAhead` steps from now (the server takes one step either way). */
const codeFor = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

test('an authenticator app is set up with its QR code and then asked for at sign-in, keyboard only', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(45_000);
  const user = await openAsNewUser(page, { prefix: 'totp' });
  await page.goto('/account');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.locator('.totp-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await keepScreenshot(page, testInfo, 'totp-setup');
  await page.getByLabel('Code from the app').fill(await codeFor(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();

  const codes = page.getByRole('region', { name: 'Your recovery codes' });
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await keepScreenshot(page, testInfo, 'recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(codes).toHaveCount(0);
  await expect(page.getByText('Two-step sign-in is on')).toBeVisible();

  // A fresh browser at phone width, keyboard only: password, then the code from the app.
  const context = await browser.newContext({ viewport: { width: 400, height: 860 } });
  const phone = await context.newPage();
  await phone.goto('/login');
  await expect(phone.getByRole('heading', { name: 'Sign in' })).toBeFocused();
  await phone.getByLabel('Email').focus();
  await phone.keyboard.type(user.email);
  await phone.keyboard.press('Tab');
  await phone.keyboard.type(PASSWORD);
  await phone.keyboard.press('Enter');
  // The page heading takes focus (as on every page); the code field is the next stop.
  await expect(phone.getByRole('heading', { name: 'Two-step sign-in' })).toBeFocused();
  await phone.keyboard.press('Tab');
  await expect(phone.getByLabel('Code from your authenticator app')).toBeFocused();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  await keepScreenshot(phone, testInfo, 'second-step');
  // A wrong code first: refused, the form stays.
  await phone.keyboard.type('000000');
  await phone.keyboard.press('Enter');
  await expect(phone.getByText('The code is wrong, expired or already used')).toBeVisible();
  await phone.getByLabel('Code from your authenticator app').fill('');
  // The enrolling code's step is used up: the app's next code (one step ahead is in the window).
  await phone.keyboard.type(await codeFor(secret, 1));
  await phone.keyboard.press('Enter');
  await expect(phone.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  await phone.goto('/account');
  await expect(phone.getByText('Two-step sign-in is on')).toBeVisible();
  await keepScreenshot(phone, testInfo, 'account-security');
  await context.close();
});

async function addAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

test('passkeys are registered, named, used passwordless and as a second factor, and removed', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const laptop = await addAuthenticator(cdp);

  // On localhost: WebAuthn takes no IP address as the relying party.
  const email = uniqueEmail('passkey');
  const registered = await page.request.post(`${PASSKEY_ORIGIN}/api/auth/register`, {
    data: { email, password: PASSWORD, name: 'Pat Key' },
  });
  expect(registered.status()).toBe(201);
  await page.goto(`${PASSKEY_ORIGIN}/account`);
  await page.getByLabel('Passkey name').fill('Laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const list = page.getByRole('list', { name: 'Your passkeys' });
  await expect(list.getByText('Laptop')).toBeVisible();
  // The first second factor comes with recovery codes.
  await expect(page.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();

  // A second passkey on another authenticator (one authenticator holds one credential per account).
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: laptop });
  await addAuthenticator(cdp);
  await page.getByLabel('Passkey name').fill('Phone');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await page.getByRole('button', { name: 'Rename Phone' }).click();
  await page.getByLabel('New name for Phone').fill('Work phone');
  await list.getByRole('button', { name: 'Save' }).click();
  await expect(list.getByText('Work phone')).toBeVisible();
  await keepScreenshot(page, testInfo, 'passkeys');

  // Passwordless: the browser offers the passkey it holds for the site.
  await page.context().clearCookies();
  await page.goto(`${PASSKEY_ORIGIN}/login`);
  await page.getByRole('button', { name: 'Use a passkey instead' }).click();
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();

  // As the second step after the password.
  await page.context().clearCookies();
  await page.goto(`${PASSKEY_ORIGIN}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();

  // Removing one (this session proved a passkey just now, so no step-up prompt).
  await page.goto(`${PASSKEY_ORIGIN}/account`);
  await page.getByRole('button', { name: 'Remove Laptop' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByText('Work phone')).toBeVisible();
});

test('an admin sees who has two-step sign-in and resets it after confirming', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(30_000);
  // A user with an authenticator app, set up through the API in a context of their own.
  const { origin } = new URL(test.info().project.use.baseURL ?? '');
  const userApi = await playwright.request.newContext({ baseURL: origin });
  const user = await registerUser(userApi, { prefix: 'reset' });
  const auth = { Authorization: `Bearer ${user.accessToken}` };
  const started = await userApi.post('/api/auth/mfa/totp', { headers: auth });
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await userApi.post('/api/auth/mfa/totp/confirm', {
    headers: auth,
    data: { code: await codeFor(secret) },
  });
  expect(confirmed.status()).toBe(200);
  await userApi.dispose();

  await openAsNewAdmin(page);
  await page.getByLabel('Email starts with').fill(user.email.slice(0, 14));
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row.getByText('2-step', { exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, 'admin-2-step');
  await row.getByRole('button', { name: `Reset two-step sign-in of ${user.email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
  await expect(row.getByText('2-step', { exact: true })).toHaveCount(0);

  // The password alone signs in again.
  const login = await page.request.post('/api/auth/login', { data: { email: user.email, password: PASSWORD } });
  expect(((await login.json()) as { accessToken?: string }).accessToken).toBeTruthy();
});
