/**
 * `npm run dev` as a developer runs it: in its own process group (a terminal's foreground job),
 * on the embedded database in a temp DATA_DIR, the API on a free port and Vite on another.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('npm run dev', () => {
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  let dev: Job;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'easel-dev-test-'));
    // As root the embedded PostgreSQL runs as `postgres`, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const { NODE_ENV: _testMode, ...inherited } = process.env;
    env = {
      ...inherited,
      DATA_DIR: dataDir,
      LOG_DIR: join(dataDir, 'logs'),
      LOG_LEVEL: 'info',
      LOG_CONSOLE: 'true',
      PORT: '0',
      DATABASE_URL: '',
      REDIS_URL: '',
      EASEL_DEV_APP_PORT: String(await findFreePort()),
      EASEL_DEV_POSTMAN_ENV: join(dataDir, 'postman.local.json'),
      DEV_ADMIN_PASSWORD: '',
      WEBHOOK_STANDARD_SECRETS: '',
    };
    dev = startJob(['npm', 'run', 'dev'], env);
    await dev.waitFor(/Easel API listening on/, 40_000);
  }, 45_000);

  afterAll(async () => {
    // Only when a test failed midway: end what it started, then its files.
    if (dev?.running()) dev.signalGroup('SIGKILL');
    for (const pid of await processesMentioning(dataDir)) process.kill(pid, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('makes npm run db:seed refuse in one line, without a stack trace, while it holds the database', async () => {
    const seed = startJob(['npm', 'run', 'db:seed'], env);
    const { code } = await seed.exited;
    const lines = seed
      .output()
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('>'));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot run "seed": the embedded database in \S+ is in use by pid \d+ \(.*server\/src\/main\.ts\)\. Stop that process/,
    );
  });

  it('offers an admin: the Postman collection with the environment it wrote runs green, nothing else done', async () => {
    const environment = JSON.parse(await readFile(join(dataDir, 'postman.local.json'), 'utf8')) as {
      values: Array<{ key: string; value: string }>;
    };
    const value = (key: string) => environment.values.find((v) => v.key === key)?.value ?? '';
    expect(value('adminEmail')).toBe('dev-admin@example.com');
    expect(value('adminPassword')).toMatch(/^[\w-]{24}$/);
    expect(dev.output()).toContain(`Development admin: dev-admin@example.com / ${value('adminPassword')}`);
    // This test's API listens on a free port, not the 3000 the file names.
    const port = /Easel API listening on http:\/\/[\d.]+:(\d+)/.exec(dev.output())?.[1];
    const summary = await runCollection(environment, `http://127.0.0.1:${port}`);
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? ''}: ${f.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.assertions.total).toBeGreaterThan(100);
    // The password reached the terminal and the git-ignored file, never the API's logs.
    const logs = await Promise.all(
      (await readdir(join(dataDir, 'logs'))).map((f) => readFile(join(dataDir, 'logs', f), 'utf8')),
    );
    expect(logs.join('\n')).not.toContain(value('adminPassword'));
  }, 60_000);

  it('on Ctrl-C (SIGINT to the whole group) lets the API shut down in order and leaves no postgres', async () => {
    dev.signalGroup('SIGINT');
    await dev.exited;
    expect(dev.output()).toContain('SIGINT received: finishing in-flight requests');
    expect(dev.output()).toContain('shutdown complete');
    expect(dev.output()).not.toMatch(/force kill/i);
    expect(await processesMentioning(dataDir)).toEqual([]);
  });
});

function runCollection(environment: object, baseUrl: string): Promise<NewmanRunSummary> {
  const collection = JSON.parse(readFileSync(join(ROOT, 'postman/easel.postman_collection.json'), 'utf8')) as object;
  const options: NewmanRunOptions = {
    collection: collection as NewmanRunOptions['collection'],
    environment: environment as NewmanRunOptions['environment'],
    envVar: [{ key: 'baseUrl', value: baseUrl }],
    reporters: [],
    timeoutRequest: 10_000,
  };
  return new Promise((resolve, reject) => newman.run(options, (e, summary) => (e ? reject(e) : resolve(summary))));
}

interface Job {
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  signalGroup(signal: NodeJS.Signals): void;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/** Runs a command as the leader of a new process group, collecting stdout and stderr. */
function startJob([command = '', ...args]: string[], env: NodeJS.ProcessEnv): Job {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let running = true;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => ((running = false), resolve({ code, signal }))),
  );
  return {
    output: () => output,
    exited,
    running: () => running,
    signalGroup: (signal) => process.kill(-(child.pid ?? 0), signal),
    async waitFor(pattern, timeoutMs) {
      const started = Date.now();
      while (!pattern.test(output)) {
        if (!running || Date.now() - started > timeoutMs) throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Live processes whose command line names the folder (PostgreSQL is started with `-D <dir>`). */
async function processesMentioning(dir: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found: number[] = [];
  for (const pid of pids) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (dir && cmdline.includes(dir)) found.push(Number(pid));
  }
  return found;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
