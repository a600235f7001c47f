import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, STRONG_PASSWORD, uniqueEmail, type TestApp } from '../../test/helpers.ts';
import { ConfigError, loadConfig, parseTrustProxy } from '../config.ts';

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'k3Jq9vX2mP7sL4wN8rT1yB6cF0hD5gZaQeUiOoVx',
  CORS_ORIGINS: 'https://app.example.com',
  DATABASE_URL: 'postgresql://easel@db.internal:5432/easel',
};

describe('TRUST_PROXY takes only values a client cannot spoof', () => {
  it('refuses true in production with a one-line reason', () => {
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'true' })).toThrow(
      /^TRUST_PROXY=true lets any client[^\n]*$/,
    );
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['false', false],
    ['0', false],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 172.16.0.1', ['10.0.0.0/8', '172.16.0.1']],
    ['fd00::/8,uniquelocal', ['fd00::/8', 'uniquelocal']],
  ])('accepts %s as a hop count or the proxies’ addresses', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
    expect(loadConfig({ ...production, TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '*', '10.0.0.0/33', '10.0.0.300', 'example.com', '1,2', '10.0.0.0/8/1', '999'])(
    'refuses %s with the reason',
    (raw) => {
      expect(() => parseTrustProxy(raw)).toThrow(/^TRUST_PROXY: "[^"]*" is not a hop count/);
    },
  );
});

/** Registers an account (registration does not count against the login limit). */
async function registeredEmail(t: TestApp): Promise<string> {
  const email = uniqueEmail();
  const res = await request(t.app).post('/api/auth/register').send({ email, password: STRONG_PASSWORD });
  expect(res.status).toBe(201);
  return email;
}

/** Wrong-password logins for one account, each from a "new" X-Forwarded-For address. */
async function wrongLoginsWithSpoofedAddresses(t: TestApp, email: string, count: number, xff: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', xff(i))
      .send({ email, password: 'not-the-password' });
    statuses.push(res.status);
  }
  return statuses;
}

describe('the client address behind TRUST_PROXY', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, so the login limit holds', async () => {
    // The test client connects from loopback, which is not the configured proxy.
    const t = await buildTestApp({ env: { TRUST_PROXY: '10.9.8.7', RATE_LIMIT_LOGIN: '3' } });
    const email = await registeredEmail(t);
    const statuses = await wrongLoginsWithSpoofedAddresses(t, email, 5, (i) => `198.51.100.${i + 1}`);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('behind a trusted proxy, keeps the address the proxy appended, whatever the client prepends', async () => {
    const t = await buildTestApp({ env: { TRUST_PROXY: 'loopback', RATE_LIMIT_LOGIN: '3' } });
    const email = await registeredEmail(t);
    const statuses = await wrongLoginsWithSpoofedAddresses(t, email, 5, (i) => `198.51.100.${i + 1}, 203.0.113.5`);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // A different real client behind the same proxy has its own budget.
    const other = await wrongLoginsWithSpoofedAddresses(t, email, 1, () => '203.0.113.6');
    expect(other).toEqual([401]);
  });
});
