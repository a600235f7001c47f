import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';

/**
 * Everything the browser tests do to set the scene, in one place: users made through the API
 * (fast, and the cookie lands in the page's browser context), admins made in the database (the
 * API cannot make one), and the app driven as a person would for what is under test.
 */

export const PASSWORD = 'a long e2e passphrase, not a common one';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  accessToken: string;
}

export const uniqueEmail = (prefix = 'e2e') => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

/**
 * Registers a user. With a page's `request` the refresh cookie is stored in that page's browser
 * context, so the app opens signed in; with a standalone context it is not.
 */
export async function registerUser(
  request: APIRequestContext,
  options: { prefix?: string; name?: string } = {},
): Promise<TestUser> {
  const email = uniqueEmail(options.prefix);
  const name = options.name ?? 'E2E User';
  const response = await request.post('/api/auth/register', { data: { email, password: PASSWORD, name } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { accessToken: string; user: { id: string } };
  return { id: body.user.id, email, password: PASSWORD, name, accessToken: body.accessToken };
}

/** Signs in through the login page and waits for the drawings page. */
export async function signInThroughUi(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();
}

/** A new user, signed in in this page's browser context, on the drawings page. */
export async function openAsNewUser(page: Page, options: { prefix?: string; name?: string } = {}): Promise<TestUser> {
  const user = await registerUser(page.request, options);
  await page.goto('/drawings');
  await expect(page.getByRole('heading', { name: 'My drawings' })).toBeVisible();
  return user;
}

/** Creates a drawing through the API for the user whose token is given; returns its id. */
/**
 * A fresh access token for the user, from the API. The suite's tokens live 5 s, so a token taken
 * at registration may have expired by the time a long test uses it.
 */
export async function freshAccessToken(request: APIRequestContext, user: Pick<TestUser, 'email' | 'password'>) {
  const response = await request.post('/api/auth/login', { data: { email: user.email, password: user.password } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function createDrawing(request: APIRequestContext, accessToken: string, title = 'E2E drawing') {
  const response = await request.post('/api/drawings', {
    data: { title, shapes: [] },
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * For editor specs: a fresh user, signed in, with one empty drawing open in the editor. Returns
 * when the canvas is visible.
 */
export async function openEditor(page: Page): Promise<{ user: TestUser; drawingId: string }> {
  const user = await registerUser(page.request, { prefix: 'editor' });
  const drawingId = await createDrawing(page.request, user.accessToken);
  await page.goto(`/drawings/${drawingId}`);
  await expect(page.locator('.konvajs-content canvas').first()).toBeVisible();
  return { user, drawingId };
}

/**
 * The e2e server's embedded PostgreSQL: the app writes its password next to the cluster, and
 * PostgreSQL writes its port into postmaster.pid (line 4).
 */
function e2eDatabaseUrl(): string {
  const scratch = process.env.EASEL_E2E_SCRATCH_DIR;
  if (!scratch) throw new Error('EASEL_E2E_SCRATCH_DIR is not set: run through playwright.config.ts');
  const dataDir = join(scratch, 'data');
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
    .split('\n')[3]
    ?.trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/easel`;
}

/** Makes a user an admin as the seed would: in the database, since no API grants the first admin. */
export async function grantAdmin(userId: string): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`INSERT INTO user_roles (user_id, role_name) VALUES ($1, 'admin') ON CONFLICT DO NOTHING`, [
      userId,
    ]);
  } finally {
    await client.end();
  }
}

/** A new admin signed in in this page's context (the session starts after the grant, so it knows). */
export async function openAsNewAdmin(page: Page): Promise<TestUser> {
  const admin = await registerUser(page.request, { prefix: 'admin', name: 'Ada Admin' });
  await grantAdmin(admin.id);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  return admin;
}

/** The app's header menu: the way a person signs out. */
export async function signOutThroughMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}
