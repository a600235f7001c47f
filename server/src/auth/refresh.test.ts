import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  FROM_APP,
  loginAs,
  readSetCookie,
  refreshCookieOf,
  TEST_ORIGIN,
  type TestApp,
} from '../../test/helpers.ts';
import { hashRefreshToken } from '../identity/refresh-families.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const refresh = (token: string, headers: Record<string, string> = FROM_APP) =>
  request(t.app).post('/api/auth/refresh').set(headers).set('Cookie', `easel_refresh=${token}`);

async function familyOf(token: string) {
  const row = await t.db.refreshToken.findUniqueOrThrow({
    where: { tokenHash: hashRefreshToken(token) },
    include: { family: true },
  });
  return row.family;
}

describe('POST /api/auth/refresh', () => {
  it('rotates the cookie, returns a new access token and keeps one family', async () => {
    const user = await loginAs(t);
    const res = await refresh(user.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 300, user: { id: user.userId } });
    const next = refreshCookieOf(res);
    expect(next).not.toBe(user.refreshToken);
    expect(res.text).not.toContain(next);
    expect((await familyOf(next)).id).toBe((await familyOf(user.refreshToken)).id);
    expect(
      (await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${res.body.accessToken}`)).status,
    ).toBe(200);
  });

  it('sets the cookie HttpOnly, Secure, SameSite=Strict, scoped to /api/auth, with a Max-Age', async () => {
    const user = await loginAs(t);
    const cookie = readSetCookie(await refresh(user.refreshToken));
    expect(cookie?.attrs).toMatchObject({
      httponly: 'true',
      secure: 'true',
      samesite: 'Strict',
      path: '/api/auth',
      'max-age': String(14 * 24 * 3600),
    });
  });

  it.each([
    ['no Origin', { 'X-Requested-With': 'easel' }, 'origin_not_allowed'],
    ['a foreign Origin', { Origin: 'https://evil.example', 'X-Requested-With': 'easel' }, 'origin_not_allowed'],
    ['the null Origin', { Origin: 'null', 'X-Requested-With': 'easel' }, 'origin_not_allowed'],
    ['no custom header', { Origin: TEST_ORIGIN }, 'csrf_header_missing'],
  ])('refuses a refresh with %s (403) and leaves the token usable', async (_label, headers, code) => {
    const user = await loginAs(t);
    const res = await refresh(user.refreshToken, headers);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(code);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('answers 401 invalid_refresh_token without a cookie or with an unknown one, and clears it', async () => {
    const none = await request(t.app).post('/api/auth/refresh').set(FROM_APP);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('invalid_refresh_token');
    const unknown = await refresh('A'.repeat(43));
    expect(unknown.status).toBe(401);
    expect(readSetCookie(unknown)?.attrs.expires).toContain('1970');
  });

  it('never changes state on GET', async () => {
    const user = await loginAs(t);
    const res = await request(t.app)
      .get('/api/auth/refresh')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${user.refreshToken}`);
    expect(res.status).toBe(405);
    expect((await familyOf(user.refreshToken)).revokedAt).toBeNull();
  });

  it('lets ten refreshes racing with one cookie all succeed inside one family', async () => {
    const user = await loginAs(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(user.refreshToken)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const tokens = results.map((r) => refreshCookieOf(r));
    // Requests in flight together share one rotation (one new token); stragglers get siblings.
    expect(new Set(tokens).size).toBeLessThanOrEqual(10);
    const families = new Set(await Promise.all(tokens.map(async (tk) => (await familyOf(tk)).id)));
    expect(families.size).toBe(1);
    // Whichever response the browser kept, it can go on refreshing.
    expect((await refresh(tokens[7] ?? '')).status).toBe(200);
  });

  it('accepts a retry with the parent after a lost response, inside the grace window', async () => {
    const user = await loginAs(t);
    const lost = await refresh(user.refreshToken);
    expect(lost.status).toBe(200);
    t.clock.advance(9);
    const retry = await refresh(user.refreshToken);
    expect(retry.status).toBe(200);
    const kept = refreshCookieOf(retry);
    expect((await familyOf(kept)).revokedAt).toBeNull();
    expect((await refresh(kept)).status).toBe(200);
  });

  it('treats the parent presented after the grace window as reuse: revokes the family, audits it', async () => {
    const user = await loginAs(t);
    const child = refreshCookieOf(await refresh(user.refreshToken));
    t.clock.advance(11);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_refresh_token');
    const family = await familyOf(child);
    expect(family.revokedReason).toBe('reuse_detected');
    expect((await refresh(child)).status).toBe(401);
    const audit = await t.db.auditEvent.findFirst({ where: { type: 'refresh.reused', userId: user.userId } });
    expect(audit?.data).toEqual({ familyId: family.id });
  });

  it('treats a grandparent replay as reuse even inside the window, and kills the access tokens of the family', async () => {
    const user = await loginAs(t);
    const parent = refreshCookieOf(await refresh(user.refreshToken));
    const head = await refresh(parent);
    const newest = refreshCookieOf(head);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect((await refresh(newest)).status).toBe(401);
    const me = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${head.body.accessToken}`);
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('invalid_token');
  });

  it('ends a session unused for longer than the sliding TTL', async () => {
    const user = await loginAs(t);
    t.clock.advance(14 * 24 * 3600 + 1);
    const res = await refresh(user.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('expired');
  });

  it('ends a session at its absolute lifetime however often it is refreshed', async () => {
    const user = await loginAs(t);
    let token = user.refreshToken;
    for (let day = 0; day < 89; day += 10) {
      t.clock.advance(10 * 24 * 3600);
      const res = await refresh(token);
      if (day + 10 >= 90) {
        expect(res.status).toBe(401);
        return;
      }
      expect(res.status).toBe(200);
      // The cookie never outlives the family.
      expect(Number(readSetCookie(res)?.attrs['max-age'])).toBeLessThanOrEqual((90 - day - 10) * 24 * 3600);
      token = refreshCookieOf(res);
    }
    throw new Error('the family should have expired');
  });

  it('refuses to refresh a deactivated user', async () => {
    const user = await loginAs(t);
    await t.db.user.update({ where: { id: user.userId }, data: { isActive: false } });
    expect((await refresh(user.refreshToken)).status).toBe(401);
  });
});
