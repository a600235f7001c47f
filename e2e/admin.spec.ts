import { expect, test } from '@playwright/test';
import { freshAccessToken, openAsNewAdmin, openAsNewUser, registerUser } from './app-helpers.ts';

test('a plain user sees no admin navigation, and neither the app nor the API lets them in', async ({ page }) => {
  const user = await openAsNewUser(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Drawings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Roles' })).toHaveCount(0);

  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/admin/roles');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  const accessToken = await freshAccessToken(page.request, user);
  const refused = await page.request.get('/api/users', { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(refused.status()).toBe(403);
});

test('an admin finds a user by email and deactivates them: their open tab is signed out', async ({ page, browser }) => {
  test.setTimeout(30_000);
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  const victim = await openAsNewUser(userPage, { prefix: 'victim', name: 'Vic Tim' });

  await openAsNewAdmin(page);
  await page.getByLabel('Email starts with').fill(victim.email.slice(0, 12));
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: victim.email });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `Deactivate ${victim.email}` }).click();
  await expect(row.getByText('Inactive')).toBeVisible();

  // No reload and no click: the victim's tab learns it at its next token renewal at the latest.
  await expect(userPage.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 10_000 });
  await expect(userPage.getByRole('status')).toBeVisible();
  await userPage.getByLabel('Email').fill(victim.email);
  await userPage.getByLabel('Password').fill(victim.password);
  await userPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(userPage.getByRole('alert')).toContainText(/deactivated/i);
  await userContext.close();
});

test('an admin grants and removes a custom role, filters by it, and deletes a user after confirming', async ({
  page,
  request,
}) => {
  const target = await registerUser(request, { prefix: 'target' });
  await openAsNewAdmin(page);
  const roleName = `editors${Date.now() % 100_000}`;

  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByLabel('Name').fill(roleName);
  await page.getByLabel('Description').fill('Can edit shared drawings');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('list', { name: 'Roles' })).toContainText(roleName);

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Email starts with').fill(target.email);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: target.email });
  await row.getByRole('button', { name: `Roles of ${target.email}` }).click();
  const dialog = page.getByRole('dialog', { name: `Roles of ${target.email}` });
  await dialog.getByRole('checkbox', { name: new RegExp(roleName) }).check();
  await expect(row).toContainText(roleName);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByLabel('Email starts with').fill('');
  await page.getByLabel('Role', { exact: true }).selectOption(roleName);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row').filter({ hasText: '@' })).toHaveCount(1);

  await row.getByRole('button', { name: `Delete ${target.email}` }).click();
  await page.getByRole('dialog', { name: 'Delete user?' }).getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByRole('row').filter({ hasText: target.email })).toHaveCount(0);

  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('button', { name: `Delete role ${roleName}` }).click();
  await page.getByRole('dialog', { name: 'Delete role?' }).getByRole('button', { name: 'Delete role' }).click();
  await expect(page.getByRole('list', { name: 'Roles' })).not.toContainText(roleName);
});
