import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { freePort } from './instances.ts';

// The fault tests stop and restart their stores: never the machine's PostgreSQL or Redis, which
// other test runs share, but servers of their own on other ports in temp folders.

/** A migrated PostgreSQL of the test's own that can be stopped and started again on its port. */
export async function startOwnPostgres() {
  const dir = await mkdtemp(join(tmpdir(), 'easel-fault-pg-'));
  await chmod(dir, 0o755);
  const logger = winston.createLogger({ silent: true });
  let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres(dir, logger);
  const url = server.url;
  await applyMigrations(url);
  const port = Number(new URL(url).port);
  return {
    url,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await startEmbeddedPostgres(dir, logger, { port });
    },
    async remove() {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A redis-server of the test's own on a free loopback port, no persistence. */
export async function startOwnRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', () => reject(new Error(`redis-server exited: ${out}`)));
    });
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
