import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildTestApp,
  freshDatabase,
  FROM_APP,
  loginAs,
  readSetCookie,
  STRONG_PASSWORD,
  TEST_REDIS_URL,
  type LoggedIn,
  type TestApp,
} from '../../test/helpers.ts';
import { startFamily } from '../identity/refresh-families.ts';

// Each revocation path is raced this many times against a refresh (or a login) of the same
// session or user, on the real app and database with the system clock.
const TRIES = 50;

// Each path takes 2-6 s on a quiet machine; a shared CI machine can take four times that.
vi.setConfig({ testTimeout: 120_000 });

interface Pair {
  /** Serves the refresh or login. */
  a: TestApp;
  /** Serves the revocation. The token is then tried on both. */
  b: TestApp;
}

const raceEnv = { RATE_LIMIT_PASSWORD: '100000' };

const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});

async function oneInstance(): Promise<Pair> {
  const t = await buildTestApp({ clock: 'system', env: raceEnv });
  return { a: t, b: t };
}

async function twoInstancesSharingRedis(): Promise<Pair> {
  const { url } = await freshDatabase();
  const env = {
    ...raceEnv,
    JWT_SECRET: randomBytes(48).toString('base64'),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `easel-race-${randomBytes(4).toString('hex')}`,
  };
  const a = await buildTestApp({ databaseUrl: url, env, clock: 'system' });
  const b = await buildTestApp({ databaseUrl: url, env, clock: 'system' });
  return { a, b };
}

/** A new session of the user, made as login makes one (without hashing a password per try). */
async function newSession(t: TestApp, userId: string): Promise<{ token: string; id: string }> {
  const issued = await startFamily(t.db, userId, { ip: '127.0.0.1', userAgent: 'race' }, t.config.auth, new Date());
  return { token: issued.token, id: issued.familyId };
}

const refresh = (t: TestApp, token: string) =>
  request(t.app).post('/api/auth/refresh').set(FROM_APP).set('Cookie', `easel_refresh=${token}`);

/** A fresh access token of the user, in a session of its own. */
async function freshAccess(t: TestApp, userId: string): Promise<{ Authorization: string }> {
  const res = await refresh(t, (await newSession(t, userId)).token);
  expect(res.status).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}

/** Whether an access token still opens the API on either instance. */
async function stillWorks(pair: Pair, accessToken: string): Promise<boolean> {
  const auth = { Authorization: `Bearer ${accessToken}` };
  const [me, drawings] = await Promise.all([
    request(pair.a.app).get('/api/users/me').set(auth),
    request(pair.b.app).get('/api/drawings').set(auth),
  ]);
  return me.status === 200 || drawings.status === 200;
}

interface Try {
  /** The request that may issue a token: a refresh or a login. */
  issue: () => request.Test;
  revoke: () => request.Test;
  /** What the revocation answers when it works. */
  revokedStatus: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `request` after `delayMs`; reports how long the request itself took. */
async function timed(delayMs: number, request: () => PromiseLike<request.Response>) {
  await sleep(delayMs);
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

/**
 * Runs TRIES races; counts the tokens issued, and those that still worked after the revocation.
 * One side starts a random moment after the other, up to the longer of the two requests' own
 * durations (measured as it goes) either way, so that each side's database work lands before,
 * inside and after the other's.
 */
async function race(pair: Pair, prepare: () => Promise<Try>) {
  let issued = 0;
  let outlived = 0;
  let spreadMs = 5;
  for (let i = 0; i < TRIES; i += 1) {
    const { issue, revoke, revokedStatus } = await prepare();
    const offset = (Math.random() * 2 - 1) * spreadMs;
    const [issuing, revoking] = await Promise.all([
      timed(Math.max(0, offset), issue),
      timed(Math.max(0, -offset), revoke),
    ]);
    spreadMs = Math.max(issuing.ms, revoking.ms);
    const [answer, revoked] = [issuing.response, revoking.response];
    expect(revoked.status).toBe(revokedStatus);
    if (answer.status !== 200) continue;
    issued += 1;
    if (await stillWorks(pair, answer.body.accessToken)) outlived += 1;
    const cookie = readSetCookie(answer)?.value;
    if (cookie && (await refresh(pair.a, cookie)).status === 200) outlived += 1;
  }
  return { issued, outlived };
}

describe.each([
  ['one instance', oneInstance],
  ['two instances sharing Redis', twoInstancesSharingRedis],
])('revocation racing a refresh or a login (%s)', (name, build) => {
  const skip = name.startsWith('two') && !redisUp && process.env.CI !== 'true';
  let pair: Pair;
  let user: LoggedIn;
  let admin: LoggedIn;
  beforeAll(async () => {
    if (skip) return;
    pair = await build();
    user = await loginAs(pair.a);
    admin = await loginAs(pair.a, { roles: ['admin'] });
    await request(pair.b.app).post('/api/roles').set(admin.auth).send({ name: 'editor' }).expect(201);
  });

  const expectNoneOutlived = (result: { issued: number; outlived: number }) => {
    // How often the issuing side won shows the interleavings were really exercised.
    console.warn(`[race] ${expect.getState().currentTestName}: issued ${result.issued}/${TRIES}`);
    expect(result.outlived).toBe(0);
  };

  it.skipIf(skip)('logout: no token of the session outlives it', async () => {
    const result = await race(pair, async () => {
      const { token } = await newSession(pair.a, user.userId);
      return {
        issue: () => refresh(pair.a, token),
        revoke: () =>
          request(pair.b.app).post('/api/auth/logout').set(FROM_APP).set('Cookie', `easel_refresh=${token}`),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('session delete: no token of the session outlives it', async () => {
    const owner = await freshAccess(pair.a, user.userId);
    const result = await race(pair, async () => {
      const session = await newSession(pair.a, user.userId);
      return {
        issue: () => refresh(pair.a, session.token),
        revoke: () => request(pair.b.app).delete(`/api/auth/sessions/${session.id}`).set(owner),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('logout everywhere: no token of any session outlives it', async () => {
    const result = await race(pair, async () => {
      const [{ token }, owner] = await Promise.all([newSession(pair.a, user.userId), freshAccess(pair.a, user.userId)]);
      return {
        issue: () => refresh(pair.a, token),
        revoke: () => request(pair.b.app).post('/api/auth/logout-all').set(owner),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('password change: no token of another session outlives it', async () => {
    let current = user.password;
    const result = await race(pair, async () => {
      const [{ token }, owner] = await Promise.all([newSession(pair.a, user.userId), freshAccess(pair.a, user.userId)]);
      const change = {
        currentPassword: current,
        newPassword: current === STRONG_PASSWORD ? 'amber-quiet-meadow-77' : STRONG_PASSWORD,
      };
      current = change.newPassword;
      return {
        issue: () => refresh(pair.a, token),
        revoke: () => request(pair.b.app).post('/api/auth/password/change').set(owner).send(change),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
    user = { ...user, password: current };
  });

  it.skipIf(skip)('deactivation: no token of the user outlives it', async () => {
    const target = await loginAs(pair.a);
    const result = await race(pair, async () => {
      // A fresh admin token per try: the file can outlast ACCESS_TOKEN_TTL on a slow machine.
      const adminAuth = await freshAccess(pair.a, admin.userId);
      await request(pair.b.app)
        .patch(`/api/users/${target.userId}`)
        .set(adminAuth)
        .send({ isActive: true })
        .expect(200);
      const { token } = await newSession(pair.a, target.userId);
      return {
        issue: () => refresh(pair.a, token),
        revoke: () => request(pair.b.app).patch(`/api/users/${target.userId}`).set(adminAuth).send({ isActive: false }),
        revokedStatus: 200,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('role removal: no token of the user outlives it', async () => {
    const target = await loginAs(pair.a);
    const result = await race(pair, async () => {
      const adminAuth = await freshAccess(pair.a, admin.userId);
      await request(pair.b.app).put(`/api/users/${target.userId}/roles/editor`).set(adminAuth).expect(204);
      const { token } = await newSession(pair.a, target.userId);
      return {
        issue: () => refresh(pair.a, token),
        revoke: () => request(pair.b.app).delete(`/api/users/${target.userId}/roles/editor`).set(adminAuth),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('reuse of a rotated token: no token of the family outlives it', async () => {
    const result = await race(pair, async () => {
      // A grandparent of the head is reuse whatever the grace window.
      const { token: grandparent } = await newSession(pair.a, user.userId);
      const parent = readSetCookie(await refresh(pair.a, grandparent))?.value ?? '';
      const head = readSetCookie(await refresh(pair.a, parent))?.value ?? '';
      return {
        issue: () => refresh(pair.a, head),
        revoke: () => refresh(pair.b, grandparent),
        revokedStatus: 401,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('login with the old password racing a password change: the login does not outlive it', async () => {
    const target = await loginAs(pair.a);
    let current = target.password;
    const result = await race(pair, async () => {
      const owner = await freshAccess(pair.a, target.userId);
      const change = {
        currentPassword: current,
        newPassword: current === STRONG_PASSWORD ? 'amber-quiet-meadow-77' : STRONG_PASSWORD,
      };
      const old = current;
      current = change.newPassword;
      return {
        issue: () => request(pair.a.app).post('/api/auth/login').send({ email: target.email, password: old }),
        revoke: () => request(pair.b.app).post('/api/auth/password/change').set(owner).send(change),
        revokedStatus: 204,
      };
    });
    expectNoneOutlived(result);
  });

  it.skipIf(skip)('login racing a deactivation: the login does not outlive it', async () => {
    const target = await loginAs(pair.a);
    const result = await race(pair, async () => {
      // A fresh admin token per try: the file can outlast ACCESS_TOKEN_TTL on a slow machine.
      const adminAuth = await freshAccess(pair.a, admin.userId);
      await request(pair.b.app)
        .patch(`/api/users/${target.userId}`)
        .set(adminAuth)
        .send({ isActive: true })
        .expect(200);
      return {
        issue: () =>
          request(pair.a.app).post('/api/auth/login').send({ email: target.email, password: target.password }),
        revoke: () => request(pair.b.app).patch(`/api/users/${target.userId}`).set(adminAuth).send({ isActive: false }),
        revokedStatus: 200,
      };
    });
    expectNoneOutlived(result);
  });
});
