import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, freshDatabase, loginAs, type TestApp } from '../../test/helpers.ts';

const oldSecret = randomBytes(48).toString('base64');
const newSecret = randomBytes(48).toString('base64');
const keys = (...entries: object[]) => JSON.stringify(entries);
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).kid;

describe('signing-key rotation without logging anyone out', () => {
  let before: TestApp;
  let during: TestApp;
  let after: TestApp;
  beforeAll(async () => {
    const { url } = await freshDatabase();
    const app = (jwtKeys: string) =>
      buildTestApp({ databaseUrl: url, env: { JWT_SECRET: undefined, JWT_KEYS: jwtKeys } });
    before = await app(keys({ kid: '2026-05', alg: 'HS256', secret: oldSecret, status: 'active' }));
    during = await app(
      keys(
        { kid: '2026-11', alg: 'HS256', secret: newSecret, status: 'active' },
        { kid: '2026-05', alg: 'HS256', secret: oldSecret, status: 'verify' },
      ),
    );
    after = await app(keys({ kid: '2026-11', alg: 'HS256', secret: newSecret, status: 'active' }));
  });

  it('keeps accepting tokens of the previous key while it is verify-only, and signs with the new one', async () => {
    const old = await loginAs(before);
    expect(kidOf(old.accessToken)).toBe('2026-05');
    expect((await request(during.app).get('/api/users/me').set(old.auth)).status).toBe(200);
    const fresh = await loginAs(during);
    expect(kidOf(fresh.accessToken)).toBe('2026-11');
  });

  it('refuses tokens of the previous key once it is retired', async () => {
    const old = await loginAs(before);
    const res = await request(after.app).get('/api/users/me').set(old.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
    const current = await loginAs(during);
    expect((await request(after.app).get('/api/users/me').set(current.auth)).status).toBe(200);
  });

  it('refuses an unsigned token (alg none) on a real route', async () => {
    const user = await loginAs(during);
    const [, payload] = user.accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: '2026-11' })).toString('base64url');
    const res = await request(during.app).get('/api/users/me').set('Authorization', `Bearer ${header}.${payload}.`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  });
});
