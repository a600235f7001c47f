import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import winston from 'winston';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FROM_APP, loginAs, readSetCookie, testEnv, type TestApp } from '../../test/helpers.ts';
import { createApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/client.ts';
import { loadKeySet } from '../identity/keys.ts';
import { FUTURE_LEEWAY_SECONDS } from '../identity/tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

/** A token signed with the app's own key, as only a key holder could make one. */
function signWithAppKey(claims: Record<string, unknown>): string {
  const { active } = loadKeySet(t.config.auth, { production: false });
  const nowS = t.clock.now().getTime() / 1000;
  const base = { iss: t.config.auth.issuer, aud: t.config.auth.audience, exp: Math.floor(nowS) + 300, jti: 'j-1' };
  return jwt.sign({ ...base, roles: ['user'], ...claims }, active.signingKey, {
    algorithm: active.alg,
    keyid: active.kid,
  });
}

describe('access tokens dated in the future', () => {
  it('refuses a correctly signed token whose iat is beyond the leeway, on a real route', async () => {
    const user = await loginAs(t);
    const nowS = t.clock.now().getTime() / 1000;
    const me = (token: string) => request(t.app).get('/api/users/me').set('Authorization', `Bearer ${token}`);
    const future = await me(signWithAppKey({ sub: user.userId, iat: nowS + FUTURE_LEEWAY_SECONDS + 60 }));
    expect(future.status).toBe(401);
    expect(future.body.code).toBe('invalid_token');
    const withinLeeway = await me(signWithAppKey({ sub: user.userId, iat: nowS + 1 }));
    expect(withinLeeway.status).toBe(200);
  });

  it('would otherwise dodge a revocation: a logout-all stamp refuses tokens issued before it only', async () => {
    const user = await loginAs(t);
    const nowS = t.clock.now().getTime() / 1000;
    const lateDated = signWithAppKey({ sub: user.userId, iat: nowS + 3600 });
    expect((await request(t.app).post('/api/auth/logout-all').set(user.auth)).status).toBe(204);
    const res = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${lateDated}`);
    expect(res.status).toBe(401);
  });

  it('refuses a token whose nbf is in the future', async () => {
    const user = await loginAs(t);
    const nowS = Math.floor(t.clock.now().getTime() / 1000);
    const res = await request(t.app)
      .get('/api/users/me')
      .set('Authorization', `Bearer ${signWithAppKey({ sub: user.userId, iat: nowS, nbf: nowS + 60 })}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  });
});

describe('logout with a refresh token that is no longer current', () => {
  const logout = (token: string) =>
    request(t.app).post('/api/auth/logout').set(FROM_APP).set('Cookie', `easel_refresh=${token}`);
  const refresh = (token: string) =>
    request(t.app).post('/api/auth/refresh').set(FROM_APP).set('Cookie', `easel_refresh=${token}`);
  const familyOf = async (accessToken: string) => {
    const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
    return t.db.refreshFamily.findUniqueOrThrow({ where: { id: sid } });
  };

  it('ends nothing with a token rotated past the grace window, says so and clears the cookie', async () => {
    const user = await loginAs(t);
    const current = readSetCookie(await refresh(user.refreshToken))?.value ?? '';
    t.clock.advance(t.config.auth.refreshReuseGrace + 1);
    const res = await logout(user.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_refresh_token');
    expect(res.body.detail).toMatch(/no session was ended/);
    expect(readSetCookie(res)?.attrs.expires).toMatch(/1970/);
    // The session goes on: its access token works and its current token still refreshes.
    expect((await familyOf(user.accessToken)).revokedAt).toBeNull();
    expect((await request(t.app).get('/api/users/me').set(user.auth)).status).toBe(200);
    expect((await refresh(current)).status).toBe(200);
    expect(await t.db.auditEvent.count({ where: { type: 'logout.refused', userId: user.userId } })).toBe(1);
  });

  it('ends nothing with an expired token', async () => {
    const user = await loginAs(t);
    t.clock.advance(t.config.auth.refreshTokenTtl + 1);
    const res = await logout(user.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_refresh_token');
    expect((await familyOf(user.accessToken)).revokedAt).toBeNull();
  });

  it('still ends the session with the current token, or with its parent inside the grace window', async () => {
    const first = await loginAs(t);
    expect((await logout(first.refreshToken)).status).toBe(204);
    expect((await familyOf(first.accessToken)).revokedReason).toBe('logout');
    const second = await loginAs(t);
    await refresh(second.refreshToken);
    expect((await logout(second.refreshToken)).status).toBe(204);
    expect((await familyOf(second.accessToken)).revokedReason).toBe('logout');
  });
});

describe('production without Redis', () => {
  it('warns in one line that revocations and limits are per process', () => {
    const lines: string[] = [];
    const logger = winston.createLogger({
      transports: [
        new winston.transports.Stream({
          stream: new Writable({
            write(chunk: Buffer, _encoding, done) {
              lines.push(chunk.toString());
              done();
            },
          }),
        }),
      ],
      format: winston.format.json(),
    });
    const production = testEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://easel@127.0.0.1:1/never-connected',
      CORS_ORIGINS: 'https://app.example.com',
    });
    const config = loadConfig(production);
    const db = createDb(config.databaseUrl ?? '');
    createApp({ config, logger: logger as never, db, clock: systemClock });
    const warning = lines
      .map((line) => JSON.parse(line) as { level: string; message: string })
      .find((l) => /REDIS_URL/.test(l.message));
    expect(warning).toMatchObject({ level: 'warn' });
    expect(warning?.message).toMatch(/revocations and rate limits live in this process only/);
    expect(warning?.message).not.toContain('\n');
  });
});
