import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ACCESS_TOKEN_TTL_SECONDS, APP_ORIGIN, APP_PORT, OIDC_ISSUER } from './e2e/origins.ts';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET } from './server/test/oidc-provider.ts';

// Playwright loads this file in the runner and again in every worker. Workers inherit the
// runner's environment, so only the runner creates the scratch folder, and only it removes it.
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Browser tests need Debian's Chromium at ${CHROMIUM}: npm test installs it when run as root, or apt-get install -y chromium`,
  );
}

const SCRATCH_DIR_VARIABLE = 'EASEL_E2E_SCRATCH_DIR';
const scratchDir = process.env[SCRATCH_DIR_VARIABLE] ?? createScratchDir();

function createScratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'easel-e2e-'));
  // As root the embedded PostgreSQL runs as `postgres`, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  process.env[SCRATCH_DIR_VARIABLE] = dir;
  // Not globalTeardown: Playwright runs it before it stops the webServers (the database would
  // still be running in here), and skips it when a server fails to start. Exit comes after both.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

/** POSIX single quotes: Playwright runs webServer commands through `sh -c`. */
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

// The running node, not an `npx` wrapper: Playwright signals the server's process group on stop.
const node = quote(process.execPath);
const clientDist = join(scratchDir, 'client-dist');

/**
 * `npm run build && npm start`, spelled out: the server is compiled into dist/ as `npm run build`
 * does, the SPA into the scratch folder (client/dist is left alone), and the built server serves
 * both from one origin, as in production.
 */
const buildAndStart = [
  `${node} node_modules/typescript/bin/tsc -p server/tsconfig.build.json`,
  `${node} node_modules/vite/bin/vite.js build --config client/vite.config.ts --outDir ${quote(clientDist)} --emptyOutDir --logLevel warn`,
  `${node} dist/server/src/main.js`,
].join(' && ');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 20_000,
  // About 3 minutes on a quiet machine; generous, because CI machines are shared and slow.
  globalTimeout: 600_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: APP_ORIGIN,
    headless: true,
    actionTimeout: 5_000,
    navigationTimeout: 10_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // Debian's Chromium (npm test's pretest installs it); no browser is downloaded.
          executablePath: CHROMIUM,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Without it Chromium still calls Google's hosts.
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: 'openid-provider',
      command: `${node} --import tsx e2e/oidc-provider.server.ts`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'easel',
      command: buildAndStart,
      url: `${APP_ORIGIN}/readyz`,
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(APP_PORT),
        SPA_DIR: clientDist,
        // Blank counts as unset: a DATABASE_URL or REDIS_URL in the caller's shell must not be used.
        DATABASE_URL: '',
        REDIS_URL: '',
        DATA_DIR: join(scratchDir, 'data'),
        LOG_DIR: join(scratchDir, 'logs'),
        LOG_CONSOLE: 'false',
        CORS_ORIGINS: APP_ORIGIN,
        JWT_SECRET: randomBytes(48).toString('base64'),
        // Tokens expire every few seconds, so every test also runs across refreshes.
        ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_SECONDS),
        // The suite registers a user per test from one IP.
        RATE_LIMIT_REGISTER: '1000',
        RATE_LIMIT_LOGIN: '1000',
        RATE_LIMIT_LOGIN_IP: '1000',
        // Pinned because the tests assert the cookie attributes they produce.
        COOKIE_SECURE: 'true',
        COOKIE_SAMESITE: 'strict',
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: 'test',
            name: 'Test ID',
            issuer: OIDC_ISSUER,
            clientId: TEST_CLIENT_ID,
            clientSecret: TEST_CLIENT_SECRET,
          },
        ]),
      },
      reuseExistingServer: false,
      timeout: 90_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
