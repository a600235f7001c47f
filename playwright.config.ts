import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { API_ORIGIN, API_PORT, APP_ORIGIN, APP_PORT } from './e2e/origins.ts';

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
const vite = `${node} node_modules/vite/bin/vite.js`;
const viteConfig = '--config client/vite.config.ts';
const clientDist = quote(join(scratchDir, 'client-dist'));

const stopBySigterm = { signal: 'SIGTERM', timeout: 10_000 } as const;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 15_000,
  globalTimeout: 120_000,
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
      name: 'api',
      command: `${node} --import tsx server/src/main.ts`,
      url: `${API_ORIGIN}/readyz`,
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(API_PORT),
        // Blank counts as unset: a DATABASE_URL or REDIS_URL in the caller's shell must not be used.
        DATABASE_URL: '',
        REDIS_URL: '',
        DATA_DIR: join(scratchDir, 'data'),
        LOG_DIR: join(scratchDir, 'logs'),
        LOG_CONSOLE: 'false',
        CORS_ORIGINS: APP_ORIGIN,
        JWT_SECRET: randomBytes(48).toString('base64'),
        // Pinned because the tests assert the cookie attributes they produce.
        COOKIE_SECURE: 'true',
        COOKIE_SAMESITE: 'strict',
      },
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: stopBySigterm,
    },
    {
      name: 'spa',
      // The production bundle, built into the scratch folder so client/dist is left alone.
      // `vite preview` proxies /api, /healthz and /readyz like the dev server (preview.proxy
      // defaults to server.proxy), to API_ORIGIN.
      command: [
        `${vite} build ${viteConfig} --outDir ${clientDist} --logLevel warn`,
        `${vite} preview ${viteConfig} --outDir ${clientDist} --host 127.0.0.1 --port ${APP_PORT} --strictPort`,
      ].join(' && '),
      url: APP_ORIGIN,
      env: { API_ORIGIN },
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: stopBySigterm,
    },
  ],
});
