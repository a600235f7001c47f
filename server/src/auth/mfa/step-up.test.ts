import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  refreshCookieOf,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestApp,
} from '../../../test/helpers.ts';
import { enrolTotp, nextStep, passwordStep, refreshAccess, totpAt } from '../../../test/mfa.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const NEW_PASSWORD = 'copper-meadow-whistle-77';

describe('step-up for sensitive actions', () => {
  it('lets a user without a second factor change their password as before', async () => {
    const user = await loginAs(t);
    const res = await request(t.app)
      .post('/api/auth/password/change')
      .set(user.auth)
      .send({ currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
  });

  it('asks for a recent second factor before a password change, then allows it', async () => {
    const user = await enrolTotp(t);
    t.clock.advance(601);
    await refreshAccess(t, user);
    const change = () =>
      request(t.app)
        .post('/api/auth/password/change')
        .set(user.auth)
        .send({ currentPassword: user.password, newPassword: NEW_PASSWORD });
    const refused = await change();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'step_up_required', type: 'urn:easel:problem:step_up_required' });

    nextStep(t);
    const stepped = await request(t.app)
      .post('/api/auth/mfa/step-up')
      .set(user.auth)
      .send({ code: await totpAt(t, user.secret) });
    expect(stepped.status).toBe(200);
    expect(new Date(stepped.body.validUntil).getTime() - new Date(stepped.body.mfaVerifiedAt).getTime()).toBe(600_000);
    expect((await change()).status).toBe(204);
  });

  it('asks for it before an email change but not before a name change', async () => {
    const user = await enrolTotp(t);
    t.clock.advance(601);
    await refreshAccess(t, user);
    const name = await request(t.app).patch('/api/users/me').set(user.auth).send({ name: 'New Name' });
    expect(name.status).toBe(200);
    const email = await request(t.app)
      .patch('/api/users/me')
      .set(user.auth)
      .send({ email: uniqueEmail(), currentPassword: user.password });
    expect(email.status).toBe(403);
    expect(email.body.code).toBe('step_up_required');
    nextStep(t);
    await request(t.app)
      .post('/api/auth/mfa/step-up')
      .set(user.auth)
      .send({ code: await totpAt(t, user.secret) });
    const after = await request(t.app)
      .patch('/api/users/me')
      .set(user.auth)
      .send({ email: uniqueEmail(), currentPassword: user.password });
    expect(after.status).toBe(200);
  });

  it('is per session: a step-up in one session does not unlock another', async () => {
    const user = await enrolTotp(t);
    nextStep(t);
    const signedIn = await request(t.app)
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: await passwordStep(t, user), code: await totpAt(t, user.secret) });
    expect(signedIn.status).toBe(200);
    const other = { refreshToken: refreshCookieOf(signedIn), auth: { Authorization: '' } };
    t.clock.advance(601);
    await refreshAccess(t, user);
    await refreshAccess(t, other);
    const stepped = await request(t.app)
      .post('/api/auth/mfa/step-up')
      .set(user.auth)
      .send({ recoveryCode: user.recoveryCodes[0] });
    expect(stepped.status).toBe(200);
    expect((await request(t.app).post('/api/auth/mfa/recovery-codes').set(user.auth)).status).toBe(200);
    const elsewhere = await request(t.app).post('/api/auth/mfa/recovery-codes').set(other.auth);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('step_up_required');
  });

  it('refuses a wrong step-up code and leaves the session as it was', async () => {
    const user = await enrolTotp(t);
    t.clock.advance(601);
    await refreshAccess(t, user);
    const wrong = await request(t.app).post('/api/auth/mfa/step-up').set(user.auth).send({ code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_mfa_code');
    const remove = await request(t.app).delete('/api/auth/mfa/totp').set(user.auth);
    expect(remove.status).toBe(403);
  });

  it('removing the authenticator app needs a step-up and takes the recovery codes with it', async () => {
    const user = await enrolTotp(t);
    // Right after enrolment the session is stepped up.
    const removed = await request(t.app).delete('/api/auth/mfa/totp').set(user.auth);
    expect(removed.status).toBe(204);
    expect(await t.db.recoveryCode.count({ where: { userId: user.userId } })).toBe(0);
    const login = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(login.body.accessToken).toEqual(expect.any(String));
  });
});

describe('admin view and reset', () => {
  it('shows whether a user has a second factor and resets it, audited', async () => {
    const admin = await loginAs(t, { roles: ['admin'] });
    const user = await enrolTotp(t);
    const plain = await loginAs(t);

    const seen = await request(t.app).get(`/api/users/${user.userId}/mfa`).set(admin.auth);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ enabled: true, totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    const none = await request(t.app).get(`/api/users/${plain.userId}/mfa`).set(admin.auth);
    expect(none.body.enabled).toBe(false);

    const forbidden = await request(t.app).delete(`/api/users/${user.userId}/mfa`).set(plain.auth);
    expect(forbidden.status).toBe(403);
    const own = await request(t.app).get(`/api/users/${plain.userId}/mfa`).set(plain.auth);
    expect(own.status).toBe(403);

    const reset = await request(t.app).delete(`/api/users/${user.userId}/mfa`).set(admin.auth);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ enabled: false, totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { type: 'mfa.reset', userId: user.userId } });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.data).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });

    const login = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(login.body.accessToken).toEqual(expect.any(String));
    const missing = await request(t.app).get(`/api/users/00000000-0000-4000-8000-000000000000/mfa`).set(admin.auth);
    expect(missing.status).toBe(404);
  });

  it('asks an admin who has a second factor for a recent one before a reset', async () => {
    const admin = await enrolTotp(t, { roles: ['admin'] });
    const user = await enrolTotp(t);
    t.clock.advance(601);
    await refreshAccess(t, admin);
    const refused = await request(t.app).delete(`/api/users/${user.userId}/mfa`).set(admin.auth);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('step_up_required');
  });
});

describe('key rotation of TOTP secrets', () => {
  it('still verifies secrets sealed with an older key listed after the new one, and re-seals them with the new one when used', async () => {
    const oldKey = Buffer.alloc(32, 7).toString('base64');
    const newKey = Buffer.alloc(32, 9).toString('base64');
    const { url } = await import('../../../test/helpers.ts').then((h) => h.freshDatabase());
    const before = await buildTestApp({ databaseUrl: url, env: { MFA_ENCRYPTION_KEYS: `old:${oldKey}` } });
    const user = await enrolTotp(before);
    const idle = await enrolTotp(before);
    const keyIdOf = async (userId: string) =>
      (await before.db.totpFactor.findUniqueOrThrow({ where: { userId } })).keyId;
    expect([await keyIdOf(user.userId), await keyIdOf(idle.userId)]).toEqual(['old', 'old']);
    const after = await buildTestApp({ databaseUrl: url, env: { MFA_ENCRYPTION_KEYS: `new:${newKey},old:${oldKey}` } });
    after.clock.advance((before.clock.now().getTime() - after.clock.now().getTime()) / 1000 + 30);
    const challengeToken = await passwordStep(after, user);
    const res = await request(after.app)
      .post('/api/auth/mfa/verify')
      .send({ challengeToken, code: await totpAt(after, user.secret) });
    expect(res.status).toBe(200);
    // Used once under the new ring: sealed again with its first key; the idle factor is not.
    expect([await keyIdOf(user.userId), await keyIdOf(idle.userId)]).toEqual(['new', 'old']);
    const only = await buildTestApp({ databaseUrl: url, env: { MFA_ENCRYPTION_KEYS: `new:${newKey}` } });
    only.clock.advance((after.clock.now().getTime() - only.clock.now().getTime()) / 1000 + 30);
    const verifyOnly = async (who: typeof user) =>
      request(only.app)
        .post('/api/auth/mfa/verify')
        .send({ challengeToken: await passwordStep(only, who), code: await totpAt(only, who.secret) });
    // With the old key gone, the re-sealed factor still works and the idle one cannot open.
    expect((await verifyOnly(user)).status).toBe(200);
    expect((await verifyOnly(idle)).status).toBe(401);
  });

  it('refuses a malformed key set at start', async () => {
    const { loadConfig } = await import('../../config.ts');
    expect(() => loadConfig({ NODE_ENV: 'test', MFA_ENCRYPTION_KEYS: 'k1:short' })).toThrow(/MFA_ENCRYPTION_KEYS/);
    expect(STRONG_PASSWORD).toBeTruthy();
  });
});
