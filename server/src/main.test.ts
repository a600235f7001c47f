import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/helpers.ts';
import { spawnServer, startServer } from '../test/process.ts';

const quiet = { NODE_ENV: 'test', LOG_DIR: join(tmpdir(), 'easel-main-test-logs') };

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

  it('serves /healthz on the DATABASE_URL it is given', async () => {
    const { url } = await freshDatabase();
    const server = await startServer({ ...quiet, DATABASE_URL: url });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
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
