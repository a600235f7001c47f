import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

describe('CORS', () => {
  it('reflects a listed origin with credentials and varies on Origin', async () => {
    const res = await request(t.app).get('/healthz').set('Origin', TEST_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(res.headers.vary).toContain('Origin');
  });

  it('gives an unlisted origin no CORS headers at all', async () => {
    const res = await request(t.app).get('/healthz').set('Origin', 'https://evil.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toContain('Origin');
  });

  it('refuses the null origin (sandboxed frames, file:// pages)', async () => {
    const res = await request(t.app).get('/healthz').set('Origin', 'null');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(t.app)
      .options('/api/auth/login')
      .set('Origin', 'null')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('answers a preflight without requested headers with 204, methods and max-age', async () => {
    const res = await request(t.app)
      .options('/api/auth/login')
      .set('Origin', TEST_ORIGIN)
      .set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers.vary).toContain('Access-Control-Request-Headers');
  });

  it('answers a preflight with requested headers listing only the allowed ones', async () => {
    const res = await request(t.app)
      .options('/api/users/me')
      .set('Origin', TEST_ORIGIN)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization, content-type, x-requested-with, x-evil');
    expect(res.status).toBe(204);
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-requested-with']));
    expect(allowed).not.toContain('x-evil');
  });

  it('never answers with a wildcard origin', async () => {
    const res = await request(t.app).get('/healthz').set('Origin', '*');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
