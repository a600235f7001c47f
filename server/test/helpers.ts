import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { createApp } from '../src/app.ts';
import { createFakeClock } from './clock.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { createRedis, type Redis } from '../src/db/redis.ts';
import { closeLogger, createLogger, type Logger } from '../src/logger.ts';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';
import { runSql, withDatabase } from './databases.ts';

export const TEST_ORIGIN = 'http://localhost:5173';
export const TEST_REDIS_URL = process.env.EASEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when something accepts a TCP connection on the URL's host and port within a second. */
function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort), timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * Whether an optional service (Redis) answers, for `describe.skipIf`. On a developer's machine a
 * missing service skips its tests with a warning; under CI (`CI=true`) the service is expected,
 * so its absence throws and fails the test file instead of passing it with tests skipped.
 */
export async function serviceAnswers(
  name: string,
  url: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (await answers(url, defaultPort)) return true;
  if (env.CI === 'true') {
    throw new Error(`${name} at ${url} does not answer and CI=true expects it: start it instead of skipping its tests`);
  }
  console.warn(`${name} at ${url} does not answer: its tests are skipped`);
  return false;
}

/** A database of this test file's own, cloned from the run's migrated template. */
export async function freshDatabase(): Promise<{ url: string; name: string }> {
  const name = `${inject('databasePrefix')}_${randomBytes(4).toString('hex')}`;
  const adminUrl = inject('databaseAdminUrl');
  await runSql(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject('databaseTemplate')}"`);
  return { url: withDatabase(adminUrl, name), name };
}

/** The environment a test app starts from; tests override single variables. */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(48).toString('base64'),
    CORS_ORIGINS: TEST_ORIGIN,
    LOG_CONSOLE: 'false',
    LOG_LEVEL: 'info',
    // Test files log in and register far more than a person would; the rate-limit tests set
    // their own low limits.
    RATE_LIMIT_REGISTER: '100000',
    RATE_LIMIT_LOGIN: '100000',
    RATE_LIMIT_LOGIN_IP: '100000',
    RATE_LIMIT_REFRESH: '100000',
    ...overrides,
  };
}

// Every app built in this test file, ended by one hook at the file's end. Vitest never runs an
// afterAll registered while tests run (inside a test or a beforeAll), so buildTestApp cannot.
const openApps = new Set<() => Promise<void>>();
afterAll(async () => {
  await Promise.all([...openApps].map((end) => end()));
});

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  redis: Redis | undefined;
  config: ReturnType<typeof loadConfig>;
  clock: ReturnType<typeof createFakeClock>;
  logger: Logger;
  /** The app's mailer: `await t.mailer.idle()` waits for the mail jobs of earlier requests. */
  mailer: Mailer;
  logDir: string;
  close(): Promise<void>;
}

/**
 * Builds the real app in-process on its own database (or a given one), with a fake clock and
 * logs in a temp folder. Closed, and its log folder removed, after the file's tests.
 */
export async function buildTestApp(
  options: {
    env?: Record<string, string | undefined>;
    databaseUrl?: string;
    /** `system` for tests that race real requests, where a clock that stands still would hide the race. */
    clock?: 'fake' | 'system';
  } = {},
): Promise<TestApp> {
  const logDir = await mkdtemp(join(tmpdir(), 'easel-test-logs-'));
  const databaseUrl = options.databaseUrl ?? (await freshDatabase()).url;
  const config = loadConfig(testEnv({ LOG_DIR: logDir, DATABASE_URL: databaseUrl, ...options.env }));
  const logger = createLogger(config);
  const db = createDb(databaseUrl, { poolSize: 5 });
  const redis = config.redisUrl ? createRedis(config.redisUrl, logger) : undefined;
  const clock = options.clock === 'system' ? systemTestClock() : createFakeClock(new Date());
  const mailer = createMailer(config, logger);
  const app = createApp({ config, logger, db, redis, clock, mailer });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await mailer.close();
    await db.$disconnect();
    await redis?.quit();
    await closeLogger(logger);
  };
  // The log folder outlives close(), so a test can read the flushed logs.
  openApps.add(async () => {
    await close();
    await rm(logDir, { recursive: true, force: true, maxRetries: 3 });
  });
  return { app, db, redis, config, clock, logger, mailer, logDir, close };
}

function systemTestClock(): ReturnType<typeof createFakeClock> {
  return {
    now: () => new Date(),
    advance() {
      throw new Error('this test app runs on the system clock, which cannot be advanced');
    },
  };
}

export const STRONG_PASSWORD = 'violet-harbor-lantern-42';

/** Headers a browser on the app's origin sends to the cookie endpoints. */
export const FROM_APP = { Origin: TEST_ORIGIN, 'X-Requested-With': 'easel' } as const;

let emailCounter = 0;
export function uniqueEmail(prefix = 'user'): string {
  emailCounter += 1;
  return `${prefix}-${emailCounter}-${randomBytes(3).toString('hex')}@example.com`;
}

/** The refresh cookie's value and attributes from a response, if it set one. */
export function readSetCookie(res: { headers: Record<string, unknown> }, name = 'easel_refresh') {
  const raw = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const line = raw.find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
  const attrs = Object.fromEntries(
    attributes.map((a) => {
      const [k = '', v = 'true'] = a.split('=');
      return [k.toLowerCase(), v];
    }),
  );
  return { value: pair.slice(name.length + 1), attrs, line };
}

/**
 * The refresh token a response set; throws when it set none, so that a later "this token is
 * refused" can never pass merely because there was no token to present.
 */
export function refreshCookieOf(res: { status?: number; headers: Record<string, unknown> }): string {
  const value = readSetCookie(res)?.value;
  if (!value) throw new Error(`expected a refresh cookie, got none (status ${res.status ?? '?'})`);
  return value;
}

export interface LoggedIn {
  accessToken: string;
  refreshToken: string;
  userId: string;
  email: string;
  password: string;
  auth: { Authorization: string };
}

/** Registers a user through the API (optionally adding roles in the database) and logs in. */
export async function loginAs(
  t: TestApp,
  options: { roles?: string[]; email?: string; password?: string } = {},
): Promise<LoggedIn> {
  const { default: request } = await import('supertest');
  const email = options.email ?? uniqueEmail(options.roles?.[0] ?? 'user');
  const password = options.password ?? STRONG_PASSWORD;
  const registered = await request(t.app).post('/api/auth/register').send({ email, password });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  const userId = registered.body.user.id as string;
  for (const roleName of options.roles ?? []) {
    await t.db.userRole.upsert({
      where: { userId_roleName: { userId, roleName } },
      update: {},
      create: { userId, roleName },
    });
  }
  const res = await request(t.app).post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const accessToken = res.body.accessToken as string;
  return {
    accessToken,
    refreshToken: refreshCookieOf(res),
    userId,
    email,
    password,
    auth: { Authorization: `Bearer ${accessToken}` },
  };
}
