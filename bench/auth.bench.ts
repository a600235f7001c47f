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
import autocannon from 'autocannon';
import winston from 'winston';
import { startEmbeddedPostgres } from '../server/src/db/embedded-postgres.ts';
import { applyMigrations } from '../server/src/db/migrations.ts';

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

function run(options: autocannon.Options) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ duration: SECONDS, ...options }, (err, result) => (err ? reject(err) : resolve(result))),
  );
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
  const login = await run({
    url: `${easel.url}/api/auth/login`,
    method: 'POST',
    connections: 20,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const loopDuringLogin = await ask<{ p50: number; p99: number; max: number }>(easel.child, 'stats');

  const health = await run({ url: `${easel.url}/healthz`, connections: 50 });
  const me = await run({ url: `${easel.url}/api/users/me`, connections: 50, headers: auth });
  const bare = await run({ url: `${baseline.url}/me`, connections: 50, headers: auth });

  const report = {
    node: process.version,
    seconds: SECONDS,
    login: {
      concurrency: 20,
      requests: login.requests.total,
      non2xx: login.non2xx,
      latencyMs: { p50: login.latency.p50, p99: login.latency.p99 },
      eventLoopDelayMs: { p99: round(loopDuringLogin.p99), max: round(loopDuringLogin.max) },
    },
    usersMe: {
      easelRps: Math.round(me.requests.average),
      easelHealthzRps: Math.round(health.requests.average),
      easelNon2xx: me.non2xx,
      baselineRps: Math.round(bare.requests.average),
      ratioToBaseline: round(me.requests.average / bare.requests.average),
      easelLatencyMs: { p50: me.latency.p50, p99: me.latency.p99 },
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const { child } of [easel, baseline]) child.send('exit');
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}
