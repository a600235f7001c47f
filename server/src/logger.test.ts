import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../test/helpers.ts';
import winston from 'winston';
import { createBatchedStdout, redact } from './logger.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVlLXhx';
const REFRESH = 'rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const PASSWORD = 'correct-horse-battery-staple';

async function readLogs(dir: string): Promise<{ all: string; errors: string }> {
  const files = await readdir(dir);
  const read = (prefix: string) =>
    Promise.all(
      files.filter((f) => f.startsWith(prefix) && f.endsWith('.log')).map((f) => readFile(join(dir, f), 'utf8')),
    );
  return { all: (await read('easel-2')).join(''), errors: (await read('easel-error-')).join('') };
}

describe('logging', () => {
  let t: TestApp;
  let logs: { all: string; errors: string };
  let userId = '';

  beforeAll(async () => {
    t = await buildTestApp();
    await request(t.app)
      .post('/api/auth/login?token=one-time-secret')
      .set('Authorization', `Bearer ${JWT}`)
      .set('Cookie', `easel_refresh=${REFRESH}`)
      .set('X-Request-Id', 'redaction-check-1')
      .send({ email: 'ada@example.com', password: PASSWORD });
    const user = await loginAs(t);
    userId = user.userId;
    await request(t.app).get('/api/users/me').set(user.auth).set('X-Request-Id', 'user-id-check-1');
    // What a careless handler might log: the whole request, headers and body included.
    t.logger.error('handler dumped its request', {
      headers: {
        authorization: `Bearer ${JWT}`,
        cookie: `easel_refresh=${REFRESH}`,
        'set-cookie': [`easel_refresh=${REFRESH}`],
      },
      body: { email: 'ada@example.com', password: PASSWORD, newPassword: PASSWORD, refreshToken: REFRESH },
      note: `client sent Bearer ${JWT} and cookie easel_refresh=${REFRESH}`,
    });
    await t.close();
    logs = await readLogs(t.logDir);
  });

  it('writes one access line per request with id, method, route, status and duration', () => {
    const line = logs.all.split('\n').find((l) => l.includes('redaction-check-1'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line ?? '{}');
    expect(entry).toMatchObject({ message: 'request', method: 'POST', route: '/api/auth/login', status: 401 });
    expect(typeof entry.ms).toBe('number');
    expect(entry.timestamp).toBeDefined();
  });

  it('names the user on lines of authenticated requests', () => {
    const line = logs.all.split('\n').find((l) => l.includes('user-id-check-1'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ route: '/api/users/me', status: 200, userId });
  });

  it('never writes passwords, tokens, cookies or Authorization values to any file', () => {
    for (const text of [logs.all, logs.errors]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(JWT);
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain('one-time-secret');
    }
    expect(logs.errors).toContain('handler dumped its request');
    expect(logs.errors).toContain('[REDACTED]');
    expect(logs.errors).toContain('ada@example.com');
  });

  it('keeps errors in their own file and info lines out of it', () => {
    expect(logs.errors).not.toContain('redaction-check-1');
    expect(logs.all).toContain('handler dumped its request');
  });
});

describe('redact', () => {
  it('redacts by key at any depth and by pattern inside text', () => {
    expect(redact({ a: { b: [{ accessToken: 'x', ok: 'y' }] }, msg: `Authorization: Bearer abc.def` })).toEqual({
      a: { b: [{ accessToken: '[REDACTED]', ok: 'y' }] },
      msg: 'Authorization: [REDACTED]',
    });
  });
});

describe('the console stream', () => {
  it('writes the lines of one event-loop turn together, in order, and the next turn’s after them', async () => {
    const writes: string[] = [];
    const stream = createBatchedStdout({
      write: (chunk: string) => writes.push(chunk),
    } as unknown as NodeJS.WritableStream);
    const logger = winston.createLogger({
      format: winston.format.printf(({ message }) => String(message)),
      transports: [new winston.transports.Stream({ stream })],
    });
    for (const n of [1, 2, 3]) logger.info(`line ${n}`);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    logger.info('line 4');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['line 1\nline 2\nline 3\n', 'line 4\n']);
  });
});
