/**
 * `npm run bench`: login latency and event-loop delay under 20 concurrent logins, and
 * authenticated GET /api/users/me throughput against a bare node:http + jsonwebtoken baseline
 * measured in the same run. Loopback only, bounded in time. Not part of `npm test`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { hashPassword, verifyPassword } from '../server/src/identity/passwords.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded-postgres.ts';
import { applyMigrations } from '../server/src/db/migrations.ts';
import { runLoad } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const JWT_SECRET = randomBytes(48).toString('base64');
const password = 'bench-passphrase-violet-42';

async function startChild(kind: string, env: Record<string, string>) {
  const child = fork(new URL('./servers.ts', import.meta.url).pathname, [kind], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return { child, url: `http://127.0.0.1:${port}` };
}

async function ask<T>(child: ChildProcess, message: string): Promise<T> {
  child.send(message);
  return ((await once(child, 'message')) as [T])[0];
}

const dataDir = await mkdtemp(join(tmpdir(), 'easel-bench-'));
await chmod(dataDir, 0o755);
const database = process.env.DATABASE_URL
  ? { url: process.env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres(dataDir, winston.createLogger({ silent: true }));
await applyMigrations(database.url);
console.error('bench: database ready');

const env = {
  DATABASE_URL: database.url,
  JWT_SECRET,
  RATE_LIMIT_LOGIN: '1000000',
  RATE_LIMIT_LOGIN_IP: '1000000',
  RATE_LIMIT_REGISTER: '1000',
};
const easel = await startChild('easel', env);
console.error('bench: easel server up');
const baseline = await startChild('baseline', env);
try {
  const email = `bench-${Date.now()}@example.com`;
  const registered = await fetch(`${easel.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };

  easel.child.send('reset');
  const login = await runLoad({
    url: `${easel.url}/api/auth/login`,
    seconds: SECONDS,
    method: 'POST',
    connections: 20,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const loopDuringLogin = await ask<{ p50: number; p99: number; max: number }>(easel.child, 'stats');

  const load = (url: string) => runLoad({ url, seconds: SECONDS, connections: 50, headers: auth });
  const bare = await load(`${baseline.url}/me`);
  const health = await load(`${easel.url}/healthz`);
  const me = await load(`${easel.url}/api/users/me`);

  const argon2Ceiling = await measureArgon2Ceiling();
  const report = {
    node: process.version,
    tool: login.tool,
    seconds: SECONDS,
    login: {
      concurrency: 20,
      requestsPerSecond: login.requestsPerSecond,
      errors: login.errors,
      latencyMs: login.latencyMs,
      eventLoopDelayMs: { p99: round(loopDuringLogin.p99), max: round(loopDuringLogin.max) },
      argon2VerifyCeilingPerSecond: argon2Ceiling,
      loginsToArgon2Ceiling: round(login.requestsPerSecond / argon2Ceiling),
    },
    authenticatedRead: {
      baselineBareHttpJwtRps: bare.requestsPerSecond,
      easelUsersMeRps: me.requestsPerSecond,
      easelUsersMeErrors: me.errors,
      easelUsersMeLatencyMs: me.latencyMs,
      easelHealthzRps: health.requestsPerSecond,
      usersMeToBaseline: round(me.requestsPerSecond / bare.requestsPerSecond),
      healthzToBaseline: round(health.requestsPerSecond / bare.requestsPerSecond),
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const { child } of [easel, baseline]) child.send('exit');
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** Verifies per second with nothing else running: the most logins this machine could do. */
async function measureArgon2Ceiling(): Promise<number> {
  // The defaults of ARGON2_* in server/src/config.ts.
  const hash = await hashPassword(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const started = performance.now();
  await Promise.all(Array.from({ length: 60 }, () => verifyPassword(hash, password)));
  return Math.round(60 / ((performance.now() - started) / 1000));
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}
