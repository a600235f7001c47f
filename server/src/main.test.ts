import { mkdtempSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { freshDatabase } from '../test/helpers.ts';
import { spawnServer, startServer } from '../test/process.ts';

const quiet = { NODE_ENV: 'test', LOG_DIR: mkdtempSync(join(tmpdir(), 'easel-main-test-logs-')) };
afterAll(() => rmSync(quiet.LOG_DIR, { recursive: true, force: true }));

describe('the server process', () => {
  it('refuses to start in production with a weak secret, giving a one-line reason', async () => {
    const proc = spawnServer({
      NODE_ENV: 'production',
      JWT_SECRET: 'too-short',
      CORS_ORIGINS: 'https://app.example.com',
    });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.output().trim()).toMatch(/^Configuration error: JWT_SECRET is too short[^\n]*$/);
  });

  it('refuses malformed JWT_KEYS with a one-line reason that quotes no key material', async () => {
    const { url } = await freshDatabase();
    const proc = spawnServer({
      ...quiet,
      DATABASE_URL: url,
      JWT_KEYS: '[{"kid":"k1","alg":"HS256","secret":"shh',
    });
    expect((await proc.exited).code).toBe(1);
    expect(proc.output().trim()).toMatch(/^Configuration error: JWT_KEYS[^\n]*$/);
    expect(proc.output()).not.toContain('shh');
  });

  it('serves /healthz on the DATABASE_URL it is given', async () => {
    const { url } = await freshDatabase();
    const server = await startServer({ ...quiet, DATABASE_URL: url });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('on SIGTERM stops accepting, finishes the in-flight request, closes the database and exits 0', async () => {
    const { url, name } = await freshDatabase();
    const server = await startServer({ ...quiet, DATABASE_URL: url });
    const { hostname, port } = new URL(server.url);
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-a-real-password' });
    const socket = connect(Number(port), hostname);
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // The request is in flight: headers sent, the body still arriving.
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await waitFor(() => server.output().includes('SIGTERM received'));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    socket.write(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(response).toContain('invalid_credentials');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('shutdown complete');
    expect(await countConnections(name)).toBe(0);
  });

  describe('on the embedded database', () => {
    let dataDir = '';
    afterAll(async () => {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('starts again after being killed with SIGKILL, with its data intact', async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'easel-crash-'));
      await chmod(dataDir, 0o755);
      const env = { ...quiet, DATA_DIR: dataDir };
      const first = await startServer(env);
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await startServer(env);
      expect(second.output()).toContain('left running by a previous run that crashed');
      const ready = await fetch(`${second.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(second.output()).not.toContain('applied migrations');
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(second.output()).toContain('shutdown complete');
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function countConnections(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    return rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}
