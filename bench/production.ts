/**
 * Easel as it runs in production, for the benchmarks: `npm run build:server`, then
 * `node dist/server/src/main.js` with NODE_ENV=production (one process, or several under
 * node:cluster), its request log on stdout as deployed, and an event-loop probe preloaded.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MAIN = `${root}dist/server/src/main.js`;

/** The SPA origin the benchmarks call from (allowed by CORS, sent on refresh). */
export const BENCH_ORIGIN = 'http://127.0.0.1:5173';

/**
 * The environment both benchmark scripts run Easel with: a long-lived token so no refresh lands in
 * a round, and limits out of the way, since the load comes from one address.
 */
export function benchEnv(databaseUrl: string, logDir: string) {
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString('base64'),
    CORS_ORIGINS: BENCH_ORIGIN,
    ACCESS_TOKEN_TTL: '3600',
    RATE_LIMIT_LOGIN: '100000000',
    RATE_LIMIT_LOGIN_IP: '100000000',
    RATE_LIMIT_REFRESH: '100000000',
    RATE_LIMIT_REGISTER: '100000000',
    LOG_DIR: logDir,
  };
}

export function buildProduction(): void {
  execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningEasel {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the build; `workers` > 1 runs it under node:cluster. `cpuProfileDir` adds --cpu-prof. */
export async function startProduction(
  env: Record<string, string>,
  options: { workers?: number; cpuProfileDir?: string } = {},
): Promise<RunningEasel> {
  const port = await freePort();
  const workers = options.workers ?? 1;
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const fullEnv = {
    ...process.env,
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    EASEL_MAIN: MAIN,
    WORKERS: String(workers),
  };
  const child =
    workers > 1
      ? fork(`${root}bench/cluster.mjs`, [], { env: fullEnv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
      : fork(MAIN, [], {
          env: fullEnv,
          execArgv: ['--import', `${root}bench/loop-probe.mjs`, ...profile],
          // stdout is where production writes its request log; a pipe nobody reads would fill.
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`Easel exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error('Easel did not answer /healthz within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  return { url, child, stop };
}
