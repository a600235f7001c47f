import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { answerNotFound } from '../http/error-handler.ts';
import { createSecurityHeaders } from '../http/security-headers.ts';
import { createSpaRouter, hasBuiltSpa, SPA_CONTENT_SECURITY_POLICY } from './spa.ts';

const dist = mkdtempSync(join(tmpdir(), 'easel-spa-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

// As in createApp: the API's headers first, the SPA after the API routes, the JSON 404 last.
const app = express();
app.use(createSecurityHeaders({ hsts: false }));
app.get('/api/ping', (_req, res) => void res.json({ ok: true }));
app.use(createSpaRouter(dist));
app.use(answerNotFound);

describe('serving the built SPA', () => {
  it('knows whether a folder holds a build', () => {
    expect(hasBuiltSpa(dist)).toBe(true);
    expect(hasBuiltSpa(join(dist, 'assets'))).toBe(false);
  });

  it('answers the SPA’s own routes with index.html under the SPA policy, revalidated on each visit', async () => {
    const res = await request(app).get('/drawings/0b7f7c1e').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['content-security-policy']).toBe(SPA_CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('lets browsers keep hashed assets for a year', async () => {
    const res = await request(app).get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
  });

  it('revalidates files that are not hashed', async () => {
    const res = await request(app).get('/favicon.svg');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('never answers an API path, a missing file or a write with the SPA', async () => {
    for (const path of ['/api/nope', '/healthz/x', '/.well-known/other', '/assets/missing-1.js']) {
      const res = await request(app).get(path).set('Accept', 'text/html');
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(/problem\+json/);
    }
    expect((await request(app).post('/drawings').set('Accept', 'text/html')).status).toBe(404);
    expect((await request(app).get('/api/ping')).body).toEqual({ ok: true });
  });
});
