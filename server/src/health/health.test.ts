import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import winston from 'winston';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/helpers.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.ts';
import { applyMigrations } from '../db/migrations.ts';

describe('health and readiness', () => {
  it('answers /healthz with 200', async () => {
    const t = await buildTestApp();
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database answers and Redis is not configured', async () => {
    const t = await buildTestApp();
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'up', redis: 'disabled' } });
  });

  it('names Redis when the configured Redis does not answer', async () => {
    const t = await buildTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      code: 'not_ready',
      detail: 'Unreachable: redis',
      checks: { database: 'up', redis: 'down' },
    });
  });

  describe('with the database stopped', () => {
    let dir = '';
    let server: EmbeddedDatabase | undefined;
    afterAll(async () => {
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('answers 503 naming the database', async () => {
      dir = await mkdtemp(join(tmpdir(), 'easel-readyz-'));
      await chmod(dir, 0o755);
      server = await startEmbeddedPostgres(dir, winston.createLogger({ silent: true }));
      await applyMigrations(server.url);
      const t = await buildTestApp({ databaseUrl: server.url });
      expect((await request(t.app).get('/readyz')).status).toBe(200);

      await server.stop();
      const down = await request(t.app).get('/readyz');
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(down.body).toMatchObject({
        code: 'not_ready',
        detail: 'Unreachable: database',
        checks: { database: 'down' },
      });
    });
  });
});
