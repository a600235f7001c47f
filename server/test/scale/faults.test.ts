import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  freePort,
  fromApp,
  json,
  meAt,
  processEnv,
  refreshAt,
  refreshCookie,
  sharedSecret,
  signUp,
  startInstances,
  stopInstance,
} from '../instances.ts';
import { startNginx } from '../nginx.ts';
import { startOwnPostgres, startOwnRedis } from '../own-services.ts';
import type { ServerProcess } from '../process.ts';
import { STRONG_PASSWORD } from '../helpers.ts';

// Faults on real processes: two app instances (tsx) behind the shipped nginx.conf, on a
// PostgreSQL and a Redis of this file's own, which the tests stop and start again. Every wait
// is bounded. Once per test run (the embedded target): the stores here are the file's own anyway.
const once = inject('databaseTarget') === 'embedded';
vi.setConfig({ testTimeout: 60_000 });

// The Redis faults need the redis-server binary (CI installs it; see scripts/pretest.sh).
const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!haveRedisServer) {
  if (process.env.CI === 'true') throw new Error('the fault tests need redis-server, and CI=true expects it');
  console.warn('redis-server is not installed: the fault tests are skipped');
}

/** The measured figures, printed with the test output (docs/operations.md quotes them). */
const report = (line: string) => process.stdout.write(`${line}\n`);

/** Calls `probe` until it returns true or `ms` pass; returns how long it took. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

/** A fetch and how long it took. */
async function timed(request: Promise<Response>) {
  const started = Date.now();
  const res = await request;
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Record<string, unknown>, ms: Date.now() - started };
}

/** Resident memory of a process, in MiB (Linux). */
async function rssOf(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN) / 1024;
}

// The soak's length: short in the test command, 60 s under `npm run bench:soak`.
const SOAK_SECONDS = Number(process.env.EASEL_SOAK_SECONDS ?? 10);
const SOAK_RATE = 50;
// Resident memory may move by this much between the end of the warm-up and the end of the soak.
// Measured: +17/+21 MiB over 10 s, +45/+70 MiB over 60 s (tsx, heap capped): the bound for the
// long run is the looser one, and under the heap cap a real leak fails requests instead.
const SOAK_RSS_BOUND_MIB = SOAK_SECONDS <= 15 ? 40 : 100;
const HEAP_CAP_MIB = 192;

function expectOutageProblem(r: Awaited<ReturnType<typeof timed>>, store: string) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.res.headers.get('retry-after')).toBe('5');
  expect(r.body).toMatchObject({ status: 503, code: 'service_unavailable', detail: expect.stringContaining(store) });
  // No stack, file or driver internals reach the client.
  expect(r.text).not.toMatch(/\bat \w|\.ts:\d|prisma|ECONNREFUSED|127\.0\.0\.1/i);
}

describe.skipIf(!once || !haveRedisServer)('faults', () => {
  let pg: Awaited<ReturnType<typeof startOwnPostgres>>;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: Awaited<ReturnType<typeof startNginx>>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    const { env, done } = await processEnv({
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      JWT_SECRET: sharedSecret(),
      TRUST_PROXY: 'loopback',
      // A capped heap makes V8 collect instead of growing into free memory, so resident memory
      // shows a leak (it would hit the cap and fail requests) rather than the collector's mood.
      NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}`,
    });
    cleanup = done;
    [a, b] = (await startInstances(2, env)) as [ServerProcess, ServerProcess];
    lb = await startNginx([Number(new URL(a.url).port), Number(new URL(b.url).port)], await freePort());
  }, 120_000);

  afterAll(async () => {
    await lb?.stop();
    await Promise.all([a, b].filter(Boolean).map((s) => stopInstance(s)));
    await Promise.all([pg?.remove(), redis?.stop(), cleanup?.()]);
  });

  it('PostgreSQL stopped: fast 503 problems, /readyz says so, and service returns by itself', async () => {
    const user = await signUp(a.url);
    await pg.stop();
    try {
      const me = await timed(meAt(a.url, user.accessToken));
      expectOutageProblem(me, 'database');
      expect(me.ms).toBeLessThan(2_000);
      const login = await timed(
        fetch(`${a.url}/api/auth/login`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ email: user.email, password: STRONG_PASSWORD }),
        }),
      );
      expectOutageProblem(login, 'database');
      expect(login.ms).toBeLessThan(2_000);
      const ready = await timed(fetch(`${a.url}/readyz`));
      expect(ready.res.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'not_ready', checks: { database: 'down', redis: 'up' } });
      expect(ready.ms).toBeLessThan(3_000);
      expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
      report(`[faults] PostgreSQL down: /users/me 503 in ${me.ms} ms, login ${login.ms} ms, /readyz ${ready.ms} ms`);
    } finally {
      await pg.start();
    }
    const recovered = await within(15_000, async () => (await fetch(`${a.url}/readyz`)).status === 200);
    report(`[faults] PostgreSQL back: /readyz 200 after ${recovered} ms`);
    expect((await meAt(a.url, user.accessToken)).status).toBe(200);
    expect(a.child.exitCode).toBeNull();
  });

  it('Redis stopped: bearer requests fail closed (503), login and refresh go on, and it recovers', async () => {
    const user = await signUp(a.url);
    await redis.stop();
    try {
      const me = await timed(meAt(a.url, user.accessToken));
      expectOutageProblem(me, 'redis');
      expect(me.ms).toBeLessThan(3_000);
      const ready = await timed(fetch(`${a.url}/readyz`));
      expect(ready.res.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { database: 'up', redis: 'down' } });
      // Rate limits fall back to each instance's memory: signing in and refreshing still work.
      const login = await fetch(`${a.url}/api/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: user.email, password: STRONG_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const refreshed = await refreshAt(a.url, refreshCookie(login) ?? '');
      expect(refreshed.status).toBe(200);
      // A logout ends the session in the database, then cannot record the revocation: 503.
      const kept = refreshCookie(refreshed) ?? '';
      const logout = await timed(
        fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { ...fromApp, Cookie: `easel_refresh=${kept}` } }),
      );
      expectOutageProblem(logout, 'redis');
      expect((await refreshAt(a.url, kept)).status).toBe(401);
      report(`[faults] Redis down: /users/me 503 in ${me.ms} ms, /readyz ${ready.ms} ms`);
    } finally {
      await redis.start();
    }
    const recovered = await within(15_000, async () => (await meAt(a.url, user.accessToken)).status === 200);
    report(`[faults] Redis back: bearer requests 200 after ${recovered} ms`);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
  });

  /** The user's sessions (refresh families), and how many of them are ended. */
  async function familiesOf(userId: string) {
    const client = new pgDriver.Client({ connectionString: pg.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ families: number; revoked: number }>(
        'SELECT count(*)::int AS families, count(revoked_at)::int AS revoked FROM refresh_families WHERE user_id = $1',
        [userId],
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  it('two hundred concurrent refreshes of one session: one family, every answer 200, no logout', async () => {
    const user = await signUp(a.url);
    const before = await familiesOf(user.userId);
    // Many connections (fetch opens one per request in flight), through nginx to both instances.
    const answers = await Promise.all(Array.from({ length: 200 }, () => refreshAt(lb.url, user.refreshToken)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const tokens = answers.map((res) => refreshCookie(res) ?? '');
    expect(tokens.filter((token) => token === '')).toEqual([]);
    report(`[faults] 200 concurrent refreshes: all 200, ${new Set(tokens).size} distinct new tokens (rotations)`);
    // Registering started a session too: the storm must add none and end none.
    expect(await familiesOf(user.userId)).toEqual(before);
    expect(before).toEqual({ families: 2, revoked: 0 });
    // The browser keeps whichever answer came last: that token still refreshes, twice in a row.
    const last = await refreshAt(lb.url, tokens.at(-1) ?? '');
    expect(last.status).toBe(200);
    expect((await refreshAt(lb.url, refreshCookie(last) ?? '')).status).toBe(200);
  });

  it('a storm of 60 logins at once on one instance: no 500, no hang, and a session for each 200', async () => {
    const user = await signUp(a.url);
    const body = JSON.stringify({ email: user.email, password: STRONG_PASSWORD });
    const login = () => fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: json, body });
    const answers = await Promise.all(Array.from({ length: 60 }, login));
    const statuses = answers.map((res) => res.status);
    // Too busy may be said (503 with Retry-After); never a 500, never a request left hanging.
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    for (const res of answers.filter((r) => r.status === 503)) expect(res.headers.get('retry-after')).toBeTruthy();
    const signedIn = statuses.filter((status) => status === 200).length;
    report(`[faults] 60 logins at once: ${signedIn} x 200, ${60 - signedIn} x 503`);
    expect(signedIn).toBeGreaterThan(0);
    // Every 200 started exactly one session: registering and signUp's login made the first two.
    expect(await familiesOf(user.userId)).toEqual({ families: 2 + signedIn, revoked: 0 });
    // The instance is still whole: a new sign-in works at once.
    expect((await login()).status).toBe(200);
  });

  it(
    `soaks at a steady ${SOAK_RATE} requests/s for ${SOAK_SECONDS} s: no errors, memory flat within ${SOAK_RSS_BOUND_MIB} MiB`,
    async () => {
      const user = await signUp(a.url);
      const load = (seconds: number) =>
        autocannon({
          url: `${lb.url}/api/users/me`,
          headers: { authorization: `Bearer ${user.accessToken}` },
          connections: 10,
          overallRate: SOAK_RATE,
          duration: seconds,
        });
      await load(3); // warm-up: JIT, pools, first allocations
      const before = await Promise.all([rssOf(a.child.pid), rssOf(b.child.pid)]);
      const result = await load(SOAK_SECONDS);
      const after = await Promise.all([rssOf(a.child.pid), rssOf(b.child.pid)]);
      const growth = after.map((mib, i) => mib - (before[i] ?? 0));
      report(
        `[faults] soak ${SOAK_SECONDS} s at ${SOAK_RATE} req/s: ${result.requests.total} requests, p99 ${result.latency.p99} ms, ` +
          `RSS ${before.map((m) => m.toFixed(0)).join('/')} -> ${after.map((m) => m.toFixed(0)).join('/')} MiB`,
      );
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      // The rate is a ceiling: a machine shared with other test runs may serve less, but the load
      // must have been real.
      expect(result.requests.total).toBeGreaterThanOrEqual(SOAK_SECONDS * SOAK_RATE * 0.3);
      for (const mib of growth) expect(mib).toBeLessThan(SOAK_RSS_BOUND_MIB);
    },
    (SOAK_SECONDS + 60) * 1000,
  );

  it('SIGTERM during a 200-connection load: no request fails, and the process exits 0', async () => {
    const user = await signUp(a.url);
    const load = autocannon({
      url: `${lb.url}/api/users/me`,
      headers: { authorization: `Bearer ${user.accessToken}` },
      connections: 200,
      duration: 4,
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const signalled = Date.now();
    b.child.kill('SIGTERM');
    const [result, exit] = await Promise.all([load, b.exited]);
    const exitMs = Date.now() - signalled;
    report(
      `[faults] SIGTERM under 200 connections: ${result.requests.total} requests, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors; exit ${exit.code} after ${exitMs} ms`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(b.output()).toContain('shutdown complete');
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    expect(result.requests.total).toBeGreaterThan(200);
  });
});
