import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  freshDatabase,
  FROM_APP,
  loginAs,
  serviceAnswers,
  STRONG_PASSWORD,
  TEST_REDIS_URL,
  type TestApp,
  uniqueEmail,
} from '../../test/helpers.ts';

// Skipped without Redis on a developer's machine; under CI=true a missing Redis fails this file.
const redisUp = await serviceAnswers('Redis', TEST_REDIS_URL, 6379);

describe.skipIf(!redisUp)('two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const { url } = await freshDatabase();
    const env = {
      JWT_SECRET: randomBytes(48).toString('base64'),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `easel-test-${randomBytes(4).toString('hex')}`,
      RATE_LIMIT_LOGIN: '3',
    };
    a = await buildTestApp({ databaseUrl: url, env });
    b = await buildTestApp({ databaseUrl: url, env });
  });

  it('enforce one login limit between them', async () => {
    const user = await loginAs(a);
    const attempt = (t: TestApp) =>
      request(t.app).post('/api/auth/login').send({ email: user.email, password: 'wrong-guess-000' });
    // loginAs used one of the three attempts on instance a.
    expect((await attempt(b)).status).toBe(401);
    expect((await attempt(a)).status).toBe(401);
    const limited = await attempt(b);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const evenRight = await request(a.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: STRONG_PASSWORD });
    expect(evenRight.status).toBe(429);
  });

  it('share one revocation list: logging out everywhere on one kills the token on the other', async () => {
    const user = await loginAs(a);
    expect((await request(b.app).get('/api/users/me').set(user.auth)).status).toBe(200);
    expect((await request(a.app).post('/api/auth/logout-all').set(user.auth)).status).toBe(204);
    const res = await request(b.app).get('/api/users/me').set(user.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  });

  it('report Redis in readiness', async () => {
    const res = await request(a.app).get('/readyz');
    expect(res.body.checks).toEqual({ database: 'up', redis: 'up' });
  });
});

describe('rate limits on one instance', () => {
  it('answers 429 with Retry-After after too many logins for one account', async () => {
    const t = await buildTestApp({ env: { RATE_LIMIT_LOGIN: '2' } });
    const body = { email: 'nobody@example.com', password: 'whatever-123' };
    expect((await request(t.app).post('/api/auth/login').send(body)).status).toBe(401);
    expect((await request(t.app).post('/api/auth/login').send(body)).status).toBe(401);
    const res = await request(t.app).post('/api/auth/login').send(body);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    const other = await request(t.app)
      .post('/api/auth/login')
      .send({ ...body, email: 'someone@example.com' });
    expect(other.status).toBe(401);
  });

  // Behind a proxy on loopback the app takes the client's address from X-Forwarded-For, which
  // lets one test speak from several addresses.
  const behindProxy = (limits: Record<string, string>) => buildTestApp({ env: { TRUST_PROXY: 'loopback', ...limits } });
  const loginFrom = (t: TestApp, ip: string, email: string, password: string) =>
    request(t.app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('answers 429 to one address guessing across many emails, and not to another address', async () => {
    const t = await behindProxy({ RATE_LIMIT_LOGIN_IP: '3' });
    const guess = (ip: string) => loginFrom(t, ip, uniqueEmail('sprayed'), 'spray-guess-1234');
    for (let i = 0; i < 3; i += 1) expect((await guess('203.0.113.7')).status).toBe(401);
    const limited = await guess('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect((await guess('198.51.100.9')).status).toBe(401);
  });

  it('limits guesses at one account per address, so an attacker cannot lock its owner out', async () => {
    const t = await behindProxy({ RATE_LIMIT_LOGIN: '2' });
    const victim = await loginAs(t);
    const attacker = '203.0.113.66';
    expect((await loginFrom(t, attacker, victim.email, 'wrong-guess-0001')).status).toBe(401);
    expect((await loginFrom(t, attacker, victim.email, 'wrong-guess-0002')).status).toBe(401);
    expect((await loginFrom(t, attacker, victim.email, 'wrong-guess-0003')).status).toBe(429);
    expect((await loginFrom(t, attacker, victim.email, victim.password)).status).toBe(429);
    // The attacker's other targets are counted apart, and the owner, elsewhere, is not blocked.
    expect((await loginFrom(t, attacker, uniqueEmail('other'), 'wrong-guess-0004')).status).toBe(401);
    const owner = '198.51.100.23';
    expect((await loginFrom(t, owner, victim.email, 'typo-in-password')).status).toBe(401);
    const ownLogin = await loginFrom(t, owner, victim.email, victim.password);
    expect(ownLogin.status).toBe(200);
    expect(ownLogin.body.user.id).toBe(victim.userId);
  });

  it('limits refreshes per address, counting only requests that pass the Origin check', async () => {
    const t = await buildTestApp({ env: { RATE_LIMIT_REFRESH: '2' } });
    const refresh = (headers: Record<string, string>) =>
      request(t.app)
        .post('/api/auth/refresh')
        .set(headers)
        .set('Cookie', `easel_refresh=${'A'.repeat(43)}`);
    for (let i = 0; i < 3; i += 1) expect((await refresh({ 'X-Requested-With': 'easel' })).status).toBe(403);
    expect((await refresh(FROM_APP)).status).toBe(401);
    expect((await refresh(FROM_APP)).status).toBe(401);
    const limited = await refresh(FROM_APP);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('limits registrations per address', async () => {
    const t = await buildTestApp({ env: { RATE_LIMIT_REGISTER: '1' } });
    const first = await request(t.app)
      .post('/api/auth/register')
      .send({ email: 'one@example.com', password: STRONG_PASSWORD });
    expect(first.status).toBe(201);
    const second = await request(t.app)
      .post('/api/auth/register')
      .send({ email: 'two@example.com', password: STRONG_PASSWORD });
    expect(second.status).toBe(429);
  });
});

describe('password guesses', () => {
  it('share one budget between the profile’s current-password check and password change', async () => {
    const t = await buildTestApp({ env: { RATE_LIMIT_PASSWORD: '3' } });
    const user = await loginAs(t);
    const guessOnProfile = () =>
      request(t.app)
        .patch('/api/users/me')
        .set(user.auth)
        .send({ email: 'new@example.com', currentPassword: 'guess-1234' });
    expect((await guessOnProfile()).status).toBe(401);
    expect((await guessOnProfile()).status).toBe(401);
    const change = await request(t.app)
      .post('/api/auth/password/change')
      .set(user.auth)
      .send({ currentPassword: 'guess-5678', newPassword: 'another-long-passphrase' });
    expect(change.status).toBe(401);
    const limited = await guessOnProfile();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // A name change presents no password and is not counted.
    expect((await request(t.app).patch('/api/users/me').set(user.auth).send({ name: 'Ada' })).status).toBe(200);
  });

  it('accept a token issued right after a user-wide revocation', async () => {
    const t = await buildTestApp();
    const user = await loginAs(t);
    // Revoke at the start of a second and log in again within that same second.
    t.clock.advance(1 - (t.clock.now().getTime() % 1000) / 1000);
    expect((await request(t.app).post('/api/auth/logout-all').set(user.auth)).status).toBe(204);
    t.clock.advance(0.3);
    const again = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    const me = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${again.body.accessToken}`);
    expect(me.status).toBe(200);
    expect((await request(t.app).get('/api/users/me').set(user.auth)).status).toBe(401);
  });
});
