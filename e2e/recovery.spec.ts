import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { registerUser, signInThroughUi } from './app-helpers.ts';

// playwright.config.ts points the server's MAIL_OUTBOX_DIR here: every email is an .eml file.
const OUTBOX = join(process.env.EASEL_E2E_SCRATCH_DIR ?? '', 'outbox');
const NEW_PASSWORD = 'a brand new e2e passphrase, also long';

/** The newest email to `to` whose subject matches, read from the outbox (waits for it). */
async function readMail(to: string, subject: RegExp): Promise<{ text: string; html: string }> {
  let found: { text: string; html: string } | undefined;
  await expect
    .poll(
      async () => {
        const files = (await readdir(OUTBOX).catch(() => [] as string[])).sort().reverse();
        for (const file of files) {
          const mail = await simpleParser(await readFile(join(OUTBOX, file)));
          const recipients = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
          if (recipients.includes(to) && subject.test(mail.subject ?? '')) {
            found = { text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' };
            return true;
          }
        }
        return false;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found as { text: string; html: string };
}

const linkIn = (text: string, page: string) => {
  const link = text.match(new RegExp(`https?://\\S+${page}#token=[\\w-]+`))?.[0];
  if (!link) throw new Error(`no ${page} link in: ${text}`);
  return link;
};

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test('resets a forgotten password through the emailed link, then signs in with the new one', async ({
  page,
  request,
}) => {
  const user = await registerUser(request, { prefix: 'forgot' });
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await shoot(page, 'forgot-desktop');
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(user.email);
  await shoot(page, 'forgot-sent-desktop');

  const mail = await readMail(user.email, /Reset your Easel password/);
  const link = linkIn(mail.text, '/reset-password');
  expect(mail.html).toContain(link);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // The token is taken from the fragment and dropped from the address bar.
  await expect(page).toHaveURL(/\/reset-password$/);
  await shoot(page, 'reset-desktop');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the new password').fill('something else entirely');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('The two passwords differ.')).toBeVisible();
  await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();

  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/email or password/i);
  await signInThroughUi(page, { email: user.email, password: NEW_PASSWORD });

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('yet another long passphrase');
  await page.getByLabel('Repeat the new password').fill('yet another long passphrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
});

test('confirms the email through the link from registration, and the banner goes', async ({ page }) => {
  const user = await registerUser(page.request, { prefix: 'verify' });
  await page.goto('/drawings');
  const banner = page.getByRole('complementary', { name: 'Email confirmation' });
  await expect(banner).toContainText(user.email);
  await shoot(page, 'banner-desktop');

  const link = linkIn((await readMail(user.email, /Confirm your email/)).text, '/verify-email');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  await shoot(page, 'verified-desktop');
  await page.getByRole('link', { name: 'Go to my drawings' }).click();
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test.describe('at 400 px wide', () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test('the recovery pages fit and work from the keyboard', async ({ page, request }) => {
    const user = await registerUser(request, { prefix: 'narrow' });
    await page.goto('/login');
    await shoot(page, 'login-400');
    await page.goto('/forgot-password');
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await shoot(page, 'forgot-sent-400');
    const link = linkIn((await readMail(user.email, /Reset your Easel password/)).text, '/reset-password');
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await shoot(page, 'reset-400');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    await page.goto('/reset-password');
    await expect(page.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
    await shoot(page, 'reset-invalid-400');
  });
});
