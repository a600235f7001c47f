import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrations.ts';
import { runSql, withDatabase } from '../databases.ts';
import { freshDatabase, serviceAnswers, TEST_REDIS_URL } from '../helpers.ts';
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
import type { ServerProcess } from '../process.ts';
import { readdirSync } from 'node:fs';

// Two real app processes (tsx, as `npm run dev:server` runs them: no build step in the test
// command) on one database and one Redis, behind the shipped nginx.conf on loopback. They run
// once per test run, on the embedded target: the machine's PostgreSQL adds nothing here.
const redisUp = await serviceAnswers('Redis', TEST_REDIS_URL, 6379);
const once = inject('databaseTarget') === 'embedded';

describe.skipIf(!redisUp || !once)('two instances behind nginx, sharing PostgreSQL and Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: Awaited<ReturnType<typeof startNginx>>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const { url } = await freshDatabase();
    const { env, done } = await processEnv({
      DATABASE_URL: url,
      JWT_SECRET: sharedSecret(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `easel-scale-${randomBytes(4).toString('hex')}`,
      RATE_LIMIT_LOGIN: '3',
      TRUST_PROXY: 'loopback',
    });
    [a, b] = (await startInstances(2, env)) as [ServerProcess, ServerProcess];
    lb = await startNginx([Number(new URL(a.url).port), Number(new URL(b.url).port)], await freePort());
    cleanup = done;
  }, 90_000);

  afterAll(async () => {
    await lb?.stop();
    await Promise.all([a, b].filter(Boolean).map((s) => stopInstance(s)));
    await cleanup?.();
  });

  it('spreads requests over both instances', async () => {
    const ids = Array.from({ length: 8 }, () => `scale-${randomBytes(6).toString('hex')}`);
    for (const id of ids) {
      const res = await fetch(`${lb.url}/healthz`, { headers: { 'X-Request-Id': id } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe(id);
    }
    // Each request is logged by the instance that served it.
    await new Promise((r) => setTimeout(r, 200));
    const servedBy = (s: ServerProcess) => ids.filter((id) => s.output().includes(id)).length;
    expect(servedBy(a)).toBeGreaterThan(0);
    expect(servedBy(b)).toBeGreaterThan(0);
    expect(servedBy(a) + servedBy(b)).toBe(ids.length);
  });

  it('refreshes on one instance a session created on the other, and through nginx', async () => {
    const user = await signUp(a.url);
    const refreshed = await refreshAt(b.url, user.refreshToken);
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    expect((await meAt(a.url, accessToken)).status).toBe(200);
    // Through nginx the rotations alternate between the instances: each sees the other's.
    let token = refreshCookie(refreshed) ?? '';
    for (let i = 0; i < 4; i += 1) {
      const res = await refreshAt(lb.url, token);
      expect(res.status).toBe(200);
      token = refreshCookie(res) ?? '';
    }
    expect(token).not.toBe('');
  });

  it('shares the login limit', async () => {
    const user = await signUp(a.url);
    const guess = (base: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: user.email, password: 'wrong-guess-0000' }),
      });
    // signUp's login used one of the three attempts, on a.
    expect((await guess(b.url)).status).toBe(401);
    expect((await guess(lb.url)).status).toBe(401);
    for (const base of [a.url, b.url, lb.url]) {
      const limited = await guess(base);
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as { code: string }).code).toBe('rate_limited');
    }
  });

  it('enforces a logout on one instance on the other at once', async () => {
    const user = await signUp(a.url);
    expect((await meAt(b.url, user.accessToken)).status).toBe(200);
    const logout = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { ...fromApp, Cookie: `easel_refresh=${user.refreshToken}` },
    });
    expect(logout.status).toBe(204);
    const [onB, throughNginx] = await Promise.all([meAt(b.url, user.accessToken), meAt(lb.url, user.accessToken)]);
    expect(onB.status).toBe(401);
    expect(throughNginx.status).toBe(401);
    expect((await refreshAt(b.url, user.refreshToken)).status).toBe(401);
  });
});

describe.skipIf(!once)('two instances starting together on an empty database', () => {
  it('apply each migration once, and both serve the complete schema', async () => {
    const admin = inject('databaseAdminUrl');
    const name = `${inject('databasePrefix')}_empty_${randomBytes(3).toString('hex')}`;
    await runSql(admin, `CREATE DATABASE "${name}"`);
    const url = withDatabase(admin, name);
    const { env, done } = await processEnv({ DATABASE_URL: url, JWT_SECRET: sharedSecret(), MIGRATE_ON_START: 'true' });
    const servers = await startInstances(2, env);
    try {
      const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name',
      );
      await client.end();
      expect(rows).toEqual(migrations.map((m) => ({ migration_name: m, finished: true })));
      // One of the two applied them; the other found nothing pending.
      const appliers = servers.filter((s) => s.output().includes('applied migrations'));
      expect(appliers).toHaveLength(1);
      expect(await tablesOf(url)).toEqual(await tablesOf(withDatabase(admin, inject('databaseTemplate'))));
      for (const server of servers) {
        const user = await signUp(server.url);
        expect((await meAt(server.url, user.accessToken)).status).toBe(200);
      }
    } finally {
      await Promise.all(servers.map((s) => stopInstance(s)));
      await done();
    }
  }, 90_000);
});

/** Table and column names of the public schema: what a migration run leaves behind. */
async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r) => r.c);
  } finally {
    await client.end();
  }
}
