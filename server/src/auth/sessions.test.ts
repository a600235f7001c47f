import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  FROM_APP,
  loginAs,
  readSetCookie,
  refreshCookieOf,
  STRONG_PASSWORD,
  type LoggedIn,
  type TestApp,
} from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const login = (email: string, password: string, userAgent = 'test-agent') =>
  request(t.app).post('/api/auth/login').set('User-Agent', userAgent).send({ email, password });
const refresh = (token: string) =>
  request(t.app).post('/api/auth/refresh').set(FROM_APP).set('Cookie', `easel_refresh=${token}`);
const me = (accessToken: string) => request(t.app).get('/api/users/me').set('Authorization', `Bearer ${accessToken}`);

describe('logout', () => {
  it('revokes this session, clears the cookie and answers 204', async () => {
    const user = await loginAs(t);
    const res = await request(t.app)
      .post('/api/auth/logout')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${user.refreshToken}`);
    expect(res.status).toBe(204);
    const cleared = readSetCookie(res);
    expect(cleared?.value).toBe('');
    expect(cleared?.attrs).toMatchObject({ path: '/api/auth', httponly: 'true', secure: 'true' });
    expect((await refresh(user.refreshToken)).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(401);
    expect(await t.db.auditEvent.count({ where: { type: 'logout', userId: user.userId } })).toBe(1);
  });

  it('is refused without the allowed Origin or the custom header', async () => {
    const user = await loginAs(t);
    const cookie = `easel_refresh=${user.refreshToken}`;
    const noOrigin = await request(t.app)
      .post('/api/auth/logout')
      .set('X-Requested-With', 'easel')
      .set('Cookie', cookie);
    expect(noOrigin.status).toBe(403);
    const noHeader = await request(t.app).post('/api/auth/logout').set('Origin', FROM_APP.Origin).set('Cookie', cookie);
    expect(noHeader.status).toBe(403);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('answers 204 without a cookie (idempotent)', async () => {
    expect((await request(t.app).post('/api/auth/logout').set(FROM_APP)).status).toBe(204);
  });
});

describe('sessions', () => {
  it('lists the live sessions with device, ip, times and which one is current', async () => {
    const user = await loginAs(t);
    const phone = await login(user.email, user.password, 'Phone/1.0');
    const res = await request(t.app).get('/api/auth/sessions').set('Authorization', `Bearer ${phone.body.accessToken}`);
    expect(res.status).toBe(200);
    // Registering started one session, loginAs another, the phone a third.
    expect(res.body.items).toHaveLength(3);
    const current = res.body.items.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({ userAgent: 'Phone/1.0', ip: expect.stringContaining('127.0.0.1') });
    expect(Object.keys(current).sort()).toEqual(['createdAt', 'current', 'id', 'ip', 'lastUsedAt', 'userAgent']);
    expect(res.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('ends one session by id: its refresh and access tokens stop working, the others go on', async () => {
    const user = await loginAs(t);
    const laptop = await login(user.email, user.password, 'Laptop/1.0');
    const list = await request(t.app).get('/api/auth/sessions').set(user.auth);
    const laptopSession = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'Laptop/1.0');
    const res = await request(t.app).delete(`/api/auth/sessions/${laptopSession.id}`).set(user.auth);
    expect(res.status).toBe(204);
    expect((await refresh(refreshCookieOf(laptop))).status).toBe(401);
    expect((await me(laptop.body.accessToken)).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(200);
  });

  it('answers 404 for another user’s session id and 422 for a malformed id', async () => {
    const alice = await loginAs(t);
    const bob = await loginAs(t);
    const bobs = await request(t.app).get('/api/auth/sessions').set(bob.auth);
    const res = await request(t.app).delete(`/api/auth/sessions/${bobs.body.items[0].id}`).set(alice.auth);
    expect(res.status).toBe(404);
    expect((await refresh(bob.refreshToken)).status).toBe(200);
    expect((await request(t.app).delete('/api/auth/sessions/not-a-uuid').set(alice.auth)).status).toBe(422);
  });

  it('logout-all ends every session and every access token of the user', async () => {
    const user = await loginAs(t);
    const other = await login(user.email, user.password);
    const res = await request(t.app).post('/api/auth/logout-all').set(user.auth);
    expect(res.status).toBe(204);
    expect((await refresh(user.refreshToken)).status).toBe(401);
    expect((await refresh(refreshCookieOf(other))).status).toBe(401);
    expect((await me(other.body.accessToken)).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(401);
    expect(await t.db.refreshFamily.count({ where: { userId: user.userId, revokedAt: null } })).toBe(0);
  });
});

describe('POST /api/auth/password/change', () => {
  const change = (auth: Record<string, string>, body: object) =>
    request(t.app).post('/api/auth/password/change').set(auth).send(body);

  it('needs the current password', async () => {
    const user = await loginAs(t);
    const res = await change(user.auth, { currentPassword: 'wrong-password', newPassword: 'brand-new-passphrase-7' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('changes it, keeps this session and revokes all others', async () => {
    const user = await loginAs(t);
    const other = await login(user.email, user.password);
    t.clock.advance(1);
    const res = await change(user.auth, { currentPassword: user.password, newPassword: 'brand-new-passphrase-7' });
    expect(res.status).toBe(204);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'brand-new-passphrase-7')).status).toBe(200);
    expect((await refresh(refreshCookieOf(other))).status).toBe(401);
    expect((await me(other.body.accessToken)).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(200);
    expect((await refresh(user.refreshToken)).status).toBe(200);
    expect(await t.db.auditEvent.count({ where: { type: 'password.changed', userId: user.userId } })).toBe(1);
  });

  /** A 422 on `newPassword` naming the rule, with the stored hash untouched. */
  async function expectNewPasswordRefused(user: LoggedIn, newPassword: string, rule: string) {
    const before = await t.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    const res = await change(user.auth, { currentPassword: user.password, newPassword });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'newPassword', message: expect.stringContaining(rule) }),
    ]);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(after.passwordHash).toBe(before.passwordHash);
  }

  it('refuses a common new password with 422 and keeps the old one', async () => {
    const user = await loginAs(t);
    await expectNewPasswordRefused(user, 'password1', 'too common');
  });

  it('refuses the current password as the new one with 422', async () => {
    const user = await loginAs(t);
    await expectNewPasswordRefused(user, STRONG_PASSWORD, 'must differ from the current password');
  });

  it('refuses the email address, or its local part, as the new password with 422 and keeps the old one', async () => {
    const user = await loginAs(t);
    for (const newPassword of [user.email, user.email.toUpperCase(), user.email.split('@')[0] ?? '']) {
      await expectNewPasswordRefused(user, newPassword, 'your email');
    }
    expect((await login(user.email, user.password)).status).toBe(200);
    expect((await login(user.email, user.email)).status).toBe(401);
  });

  it('needs an access token', async () => {
    expect((await change({}, { currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
  });
});
