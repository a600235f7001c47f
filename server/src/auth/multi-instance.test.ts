import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  freshDatabase,
  loginAs,
  STRONG_PASSWORD,
  TEST_REDIS_URL,
  type TestApp,
} from '../../test/helpers.ts';

const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});
if (!redisUp) console.warn(`Redis at ${TEST_REDIS_URL} does not answer: multi-instance tests skipped`);

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
