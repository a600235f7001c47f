/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import { expect, test } from '@playwright/test';
import { APP_ORIGIN } from './origins.ts';

test('the API reference renders every operation under its strict CSP, loading nothing from elsewhere', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(APP_ORIGIN) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/api/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Easel API');
  await expect(page.locator('.opblock-summary-path[data-path="/api/auth/login"]')).toHaveCount(1);
  const spec = (await (await page.request.get('/api/openapi.json')).json()) as { paths: Record<string, object> };
  const operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  await expect(page.locator('.opblock')).toHaveCount(operations);

  const violations = await page.evaluate(
    () => (globalThis as unknown as { cspViolations?: string[] }).cspViolations ?? [],
  );
  expect(violations).toEqual([]);
  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
});
