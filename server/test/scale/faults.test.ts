import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  freePort,
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

function expectOutageProblem(r: Awaited<ReturnType<typeof timed>>, store: string) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.res.headers.get('retry-after')).toBe('5');
  expect(r.body).toMatchObject({ status: 503, code: 'service_unavailable', detail: expect.stringContaining(store) });
  // No stack, file or driver internals reach the client.
  expect(r.text).not.toMatch(/\bat \w|\.ts:\d|prisma|ECONNREFUSED|127\.0\.0\.1/i);
}

describe.skipIf(!once)('faults', () => {
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
      report(`[faults] Redis down: /users/me 503 in ${me.ms} ms, /readyz ${ready.ms} ms`);
    } finally {
      await redis.start();
    }
    const recovered = await within(15_000, async () => (await meAt(a.url, user.accessToken)).status === 200);
    report(`[faults] Redis back: bearer requests 200 after ${recovered} ms`);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
  });
});
