import { expect, test } from '@playwright/test';
import { APP_ORIGIN } from './origins.ts';

// The editor's own behaviour is specified in editor-*.spec.ts.

test('shows the API as healthy, asked through the preview server’s proxy', async ({ page }) => {
  // Listening before the app loads: it asks once, on mount.
  const health = page.waitForResponse(`${APP_ORIGIN}/healthz`);
  await page.goto('/');
  const response = await health;

  expect(response.status()).toBe(200);
  // Set by the Express API, not by vite preview: the answer really came from the running API.
  expect(response.headers()['x-request-id']).toBeTruthy();
  expect(await response.json()).toEqual({ status: 'ok' });
  await expect(page.getByRole('status')).toHaveText('API: ok');
});
