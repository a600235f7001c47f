import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { API_ORIGIN } from './origins.ts';

test('registers through the running API and gets an HttpOnly refresh cookie', async ({ page }) => {
  const email = `e2e-${randomUUID()}@example.com`;

  const response = await page.request.post(`${API_ORIGIN}/api/auth/register`, {
    data: { email, password: 'a long e2e passphrase, not a common one', name: 'E2E' },
  });

  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body).toMatchObject({ tokenType: 'Bearer', user: { email, name: 'E2E', roles: ['user'] } });
  expect(body.accessToken).toEqual(expect.any(String));

  const cookies = response
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === 'set-cookie')
    .map(({ value }) => value);
  const refresh = cookies.find((line) => line.startsWith('easel_refresh='));
  expect(refresh, `Set-Cookie headers: ${cookies.join(' | ')}`).toBeDefined();
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
