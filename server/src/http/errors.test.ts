import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import winston from 'winston';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.ts';
import { createJsonBody } from './body.ts';
import { answerNotFound, createErrorHandler } from './error-handler.ts';
import { assignRequestId } from './request-id.ts';
import { parseBody } from './validate.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `urn:easel:problem:${code}` });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('problem details on the real app', () => {
  it('answers an unknown route with 404', async () => {
    expectProblem(await request(t.app).get('/api/nope'), 404, 'not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await request(t.app).post('/healthz');
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers a plain OPTIONS with 204 and Allow', async () => {
    const res = await request(t.app).options('/readyz');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('sets security headers and no X-Powered-By', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('request ids', () => {
  it('makes one when the caller sends none', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a well-formed caller id', async () => {
    const res = await request(t.app).get('/nope').set('X-Request-Id', 'trace-1234.abcd');
    expect(res.headers['x-request-id']).toBe('trace-1234.abcd');
    expect(res.body.requestId).toBe('trace-1234.abcd');
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(200), 'tab\there-1234', '<script>alert(1)</script>'])(
    'replaces a malformed caller id (%s)',
    async (offered) => {
      const res = await request(t.app).get('/healthz').set('X-Request-Id', offered);
      expect(res.headers['x-request-id']).not.toBe(offered);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  // Node's HTTP client and parser never carry a line break in a header value, so these reach
  // the middleware directly: a proxy or another transport might hand one over.
  it.each(['trace-1234\nforged-log-line', 'trace-1234\r\nSet-Cookie: a=b', 'trace-1234\u2028next'])(
    'replaces a caller id that holds a line break (%j)',
    (offered) => {
      expect(offered).toMatch(/[\n\r\u2028]/);
      const headers: Record<string, string> = {};
      const req = { get: (name: string) => (name.toLowerCase() === 'x-request-id' ? offered : undefined) };
      const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
      let nextCalled = false;
      assignRequestId(req as never, res as never, () => (nextCalled = true));
      expect(nextCalled).toBe(true);
      expect(headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
      expect((req as { id?: string }).id).toBe(headers['X-Request-Id']);
    },
  );
});

// The body pipeline (JSON parsing, 415, 413, validation, 500) exercised through the same
// middleware the routers use, on a route that only echoes a validated body.
describe('body pipeline errors', () => {
  const Echo = z.object({ name: z.string().min(1), age: z.number().int().min(0) });
  const logged: string[] = [];
  const logger = winston.createLogger({
    transports: [new winston.transports.Stream({ stream: captureLines(logged) })],
    format: winston.format.json(),
  });
  const app = express();
  app.use(assignRequestId);
  app.post('/echo', ...createJsonBody('1kb'), (req, res) => {
    res.status(201).json(parseBody(Echo, req));
  });
  app.get('/boom', () => {
    throw new Error('db password is hunter2 at /srv/secret.ts:12');
  });
  app.use(answerNotFound);
  app.use(createErrorHandler(logger as never));

  it('accepts a valid JSON body', async () => {
    const res = await request(app).post('/echo').send({ name: 'Ada', age: 36 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'Ada', age: 36 });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await request(app).post('/echo').set('Content-Type', 'application/json').send('{"name": ');
    expectProblem(res, 400, 'malformed_json');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await request(app)
      .post('/echo')
      .send({ name: 'x'.repeat(2000), age: 1 });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await request(app).post('/echo').set('Content-Type', 'text/plain').send('name=Ada');
    expectProblem(res, 415, 'unsupported_media_type');
    const form = await request(app).post('/echo').type('form').send({ name: 'Ada' });
    expectProblem(form, 415, 'unsupported_media_type');
  });

  it('answers schema violations with 422 and field paths', async () => {
    const res = await request(app).post('/echo').send({ name: '', age: -1.5 });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['age', 'name']);
  });

  it('answers a crash with 500 and no internals, and logs it with the request id', async () => {
    const res = await request(app).get('/boom').set('X-Request-Id', 'crash-test-0001');
    expectProblem(res, 500, 'internal_error');
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|secret\.ts|stack|Error:/);
    expect(logged.join('')).toContain('crash-test-0001');
  });
});

function captureLines(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
}
