import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  readSetCookie,
  refreshCookieOf,
  FROM_APP,
  type TestApp,
} from '../../../test/helpers.ts';
import { enrolTotp, nextStep, passwordStep, refreshAccess, stepUpWithTotp, totpAt } from '../../../test/mfa.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const verify = (body: object) => request(t.app).post('/api/auth/mfa/verify').send(body);

describe('TOTP enrolment', () => {
  it('starts with a secret, an otpauth URI and an SVG QR code, and stores the secret only encrypted', async () => {
    const user = await loginAs(t);
    const res = await request(t.app).post('/api/auth/mfa/totp').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(res.body.otpauthUri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(res.body.secret);
    expect(uri.searchParams.get('issuer')).toBe('Easel');
    expect(decodeURIComponent(uri.pathname)).toContain(user.email);
    expect(res.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from((res.body.qrCode as string).split(',')[1]!, 'base64').toString();
    expect(svg).toContain('<svg');

    const row = await t.db.totpFactor.findUniqueOrThrow({ where: { userId: user.userId } });
    expect(row.confirmedAt).toBeNull();
    expect(row.keyId).toBe('dev');
    expect(row.secret).not.toContain(res.body.secret);
    expect(row.secret.split('.')).toHaveLength(3);

    // Not a second factor until confirmed: the password alone still signs in.
    const login = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(login.body.accessToken).toEqual(expect.any(String));
  });

  it('is confirmed only by a right code, and then yields ten recovery codes once', async () => {
    const user = await loginAs(t);
    const { body } = await request(t.app).post('/api/auth/mfa/totp').set(user.auth);
    const wrongCode = (Number(await totpAt(t, body.secret)) + 1).toString().padStart(6, '0').slice(-6);
    const wrong = await request(t.app).post('/api/auth/mfa/totp/confirm').set(user.auth).send({ code: wrongCode });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_mfa_code');

    const ok = await request(t.app)
      .post('/api/auth/mfa/totp/confirm')
      .set(user.auth)
      .send({ code: await totpAt(t, body.secret) });
    expect(ok.status).toBe(200);
    const codes = ok.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const stored = await t.db.recoveryCode.findMany({ where: { userId: user.userId } });
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((c) => c.replaceAll('-', ''))).not.toContain(row.codeHash);
    for (const row of stored) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const status = await request(t.app).get('/api/auth/mfa').set(user.auth);
    expect(status.body).toMatchObject({ enabled: true, totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status.body)).not.toContain(body.secret);

    // A second set-up is refused while one is active.
    const again = await request(t.app).post('/api/auth/mfa/totp').set(user.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('totp_already_enabled');
  });
});

describe('two-step sign-in with TOTP', () => {
  it('answers the password with a challenge, not a session: no cookie, no access token', async () => {
    const user = await enrolTotp(t);
    const res = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mfaRequired: true,
      challengeToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresIn: 300,
      methods: ['totp', 'recovery_code'],
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    // The challenge is no bearer token.
    const me = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${res.body.challengeToken}`);
    expect(me.status).toBe(401);
    // A wrong password still gets the plain refusal, with no hint of a second factor.
    const wrong = await request(t.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('completes with a current code into a session: refresh family, HttpOnly cookie, access token', async () => {
    const user = await enrolTotp(t);
    const challengeToken = await passwordStep(t, user);
    const res = await verify({ challengeToken, code: await totpAt(t, user.secret) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 300, user: { id: user.userId } });
    const cookie = readSetCookie(res);
    expect(cookie?.attrs).toMatchObject({ httponly: 'true', path: '/api/auth' });
    const me = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    const refreshed = await request(t.app)
      .post('/api/auth/refresh')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${refreshCookieOf(res)}`);
    expect(refreshed.status).toBe(200);
    const families = await t.db.refreshFamily.findMany({
      where: { userId: user.userId },
      orderBy: { createdAt: 'desc' },
    });
    expect(families[0]?.mfaVerifiedAt).not.toBeNull();
    const audit = await t.db.auditEvent.findFirst({
      where: { userId: user.userId, type: 'login.succeeded' },
      orderBy: { id: 'desc' },
    });
    expect(audit?.data).toEqual({ secondFactor: 'totp' });

    // The challenge is single-use.
    const again = await verify({ challengeToken, code: await totpAt(t, user.secret, 30) });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_mfa_challenge');
  });

  it('refuses a replayed code, even on a new challenge in the same step', async () => {
    const user = await enrolTotp(t);
    const code = await totpAt(t, user.secret);
    expect((await verify({ challengeToken: await passwordStep(t, user), code })).status).toBe(200);
    const replay = await verify({ challengeToken: await passwordStep(t, user), code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_mfa_code');
    // An older step's code is refused once a later one was used.
    const older = await verify({
      challengeToken: await passwordStep(t, user),
      code: await totpAt(t, user.secret, -30),
    });
    expect(older.status).toBe(401);
  });

  it('takes the previous step’s code (a window of one step) but not one two steps old or ahead', async () => {
    const user = await enrolTotp(t);
    nextStep(t);
    const stale = await verify({
      challengeToken: await passwordStep(t, user),
      code: await totpAt(t, user.secret, -60),
    });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('invalid_mfa_code');
    const future = await verify({
      challengeToken: await passwordStep(t, user),
      code: await totpAt(t, user.secret, 60),
    });
    expect(future.status).toBe(401);
    const previous = await verify({
      challengeToken: await passwordStep(t, user),
      code: await totpAt(t, user.secret, -30),
    });
    expect(previous.status).toBe(200);
  });

  it('refuses wrong codes, and the challenge dies after five tries', async () => {
    const user = await enrolTotp(t);
    const challengeToken = await passwordStep(t, user);
    const right = await totpAt(t, user.secret);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await verify({ challengeToken, code: wrong });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_mfa_code');
    }
    const sixth = await verify({ challengeToken, code: right });
    expect(sixth.status).toBe(401);
    expect(sixth.body.code).toBe('invalid_mfa_challenge');
    const failures = await t.db.auditEvent.count({ where: { userId: user.userId, type: 'mfa.failed' } });
    expect(failures).toBe(5);
  });

  it('refuses an expired challenge (MFA_CHALLENGE_TTL on the fake clock)', async () => {
    const user = await enrolTotp(t);
    const challengeToken = await passwordStep(t, user);
    t.clock.advance(301);
    const res = await verify({ challengeToken, code: await totpAt(t, user.secret) });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_mfa_challenge');
  });

  it('voids an open challenge when the password changes meanwhile', async () => {
    const user = await enrolTotp(t);
    const challengeToken = await passwordStep(t, user);
    await t.db.user.update({ where: { id: user.userId }, data: { passwordHash: '$argon2id$changed' } });
    const res = await verify({ challengeToken, code: await totpAt(t, user.secret) });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_mfa_challenge');
  });

  it('refuses a malformed body with 422 and a made-up challenge with 401', async () => {
    const both = await verify({ challengeToken: 'x'.repeat(43), code: '123456', recoveryCode: 'AAAA-AAAA-AAAA-AAAA' });
    expect(both.status).toBe(422);
    const unknown = await verify({ challengeToken: 'x'.repeat(43), code: '123456' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_mfa_challenge');
  });
});

describe('recovery codes', () => {
  it('sign in once each, in any case and with or without dashes', async () => {
    const user = await enrolTotp(t);
    const [first, second] = user.recoveryCodes as [string, string];
    const ok = await verify({ challengeToken: await passwordStep(t, user), recoveryCode: first.toLowerCase() });
    expect(ok.status).toBe(200);
    expect(readSetCookie(ok)).toBeDefined();
    const reused = await verify({ challengeToken: await passwordStep(t, user), recoveryCode: first });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('invalid_mfa_code');
    const plain = await verify({
      challengeToken: await passwordStep(t, user),
      recoveryCode: second.replaceAll('-', ''),
    });
    expect(plain.status).toBe(200);
    const row = await t.db.recoveryCode.count({ where: { userId: user.userId, usedAt: null } });
    expect(row).toBe(8);
  });

  it('are regenerated (after a step-up), and the old ones stop working', async () => {
    const user = await enrolTotp(t);
    // The session that enrolled is stepped up; a later one is not.
    t.clock.advance(601);
    await refreshAccess(t, user);
    const refused = await request(t.app).post('/api/auth/mfa/recovery-codes').set(user.auth);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('step_up_required');
    await stepUpWithTotp(t, user);
    const res = await request(t.app).post('/api/auth/mfa/recovery-codes').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body.codes).toHaveLength(10);
    const old = await verify({ challengeToken: await passwordStep(t, user), recoveryCode: user.recoveryCodes[0] });
    expect(old.status).toBe(401);
    const fresh = await verify({ challengeToken: await passwordStep(t, user), recoveryCode: res.body.codes[0] });
    expect(fresh.status).toBe(200);
  });
});

describe('rate limit on codes', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_MFA guesses for one user', async () => {
    const limited = await buildTestApp({ env: { RATE_LIMIT_MFA: '3' } });
    const user = await enrolTotp(limited);
    const guess = async () =>
      request(limited.app)
        .post('/api/auth/mfa/verify')
        .send({ challengeToken: await passwordStep(limited, user), code: '000000' });
    // The confirmation code counted as one guess.
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
