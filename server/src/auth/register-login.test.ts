import argon2 from 'argon2';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashRefreshToken } from '../identity/refresh-families.ts';
import {
  buildTestApp,
  loginAs,
  readSetCookie,
  refreshCookieOf,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestApp,
} from '../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const register = (body: object) => request(t.app).post('/api/auth/register').send(body);
const login = (body: object) => request(t.app).post('/api/auth/login').send(body);

function expectNoSecrets(text: string, refreshToken: string) {
  expect(refreshToken).toMatch(/^[\w-]{43}$/);
  expect(text).not.toMatch(/\$argon2/);
  expect(text).not.toMatch(/passwordHash|tokenHash/);
  expect(text).not.toContain(refreshToken);
}

/** A 422 naming the field and the rule that refused it. */
function expectRefusedField(res: request.Response, path: string, message: string) {
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('validation_failed');
  expect(res.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]),
  );
}

/** A passphrase of exactly `length` characters that is in no common-password list. */
const passphraseOf = (length: number) => 'amber lantern over quiet harbor 42 '.repeat(10).slice(0, length);

describe('POST /api/auth/register', () => {
  it('creates the user with the user role, answers 201 with a session and sets the refresh cookie', async () => {
    const res = await register({ email: '  Ada.Lovelace@Example.COM ', password: STRONG_PASSWORD, name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 300,
      user: {
        email: 'ada.lovelace@example.com',
        name: 'Ada',
        roles: ['user'],
        isActive: true,
        emailVerified: false,
        lastLoginAt: null,
      },
    });
    expect(Object.keys(res.body.user).sort()).toEqual(
      ['createdAt', 'email', 'emailVerified', 'id', 'isActive', 'lastLoginAt', 'name', 'roles', 'updatedAt'].sort(),
    );
    const cookie = refreshCookieOf(res);
    expectNoSecrets(res.text, cookie);

    const row = await t.db.user.findUniqueOrThrow({
      where: { email: 'ada.lovelace@example.com' },
      include: { families: { include: { tokens: true } } },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(row.families).toHaveLength(1);
    expect(row.families[0]?.tokens[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.families[0]?.tokens[0]?.tokenHash).toBe(hashRefreshToken(cookie));
    expect(row.families[0]?.tokens[0]?.tokenHash).not.toContain(cookie);
  });

  it('answers 409 email_taken for an existing email in any case or spacing', async () => {
    const email = uniqueEmail();
    expect((await register({ email, password: STRONG_PASSWORD })).status).toBe(201);
    const res = await register({ email: ` ${email.toUpperCase()}`, password: STRONG_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
  });

  it('gives exactly one 201 and 49 409s to 50 parallel registrations of one email', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(Array.from({ length: 50 }, () => register({ email, password: STRONG_PASSWORD })));
    const statuses = results.map((r) => r.status);
    const unexpected = results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.text);
    expect(unexpected).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'email_taken')).toBe(true);
    expect(await t.db.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    [{ password: 'short1' }, 'password', 'at least 8'],
    [{ password: 'x'.repeat(257) }, 'password', 'at most 256'],
    [{ password: 'password123' }, 'password', 'too common'],
    [{ password: 'Qwertyuiop' }, 'password', 'too common'],
    [{ email: 'not-an-email' }, 'email', 'valid email'],
  ])('refuses a bad registration with 422 and the field path (%#)', async (override, path, message) => {
    const res = await register({ email: uniqueEmail(), password: STRONG_PASSWORD, ...override });
    expectRefusedField(res, path, message);
  });

  it.each([64, 256])('accepts a %i-character password, and login checks every character of it', async (length) => {
    const email = uniqueEmail();
    const password = passphraseOf(length);
    expect(password).toHaveLength(length);
    expect((await register({ email, password })).status).toBe(201);
    expect((await login({ email, password })).status).toBe(200);
    // No truncation: the same password less its last character is a wrong password.
    expect((await login({ email, password: password.slice(0, -1) })).status).toBe(401);
  });

  it('accepts a long passphrase with spaces and no composition rules', async () => {
    const res = await register({ email: uniqueEmail(), password: 'the quiet river runs under seven old bridges' });
    expect(res.status).toBe(201);
  });

  it('refuses the email address, or its local part, as the password', async () => {
    const email = uniqueEmail();
    for (const password of [email, email.toUpperCase(), email.split('@')[0]]) {
      expectRefusedField(await register({ email, password }), 'password', 'must not be your email address');
    }
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  it('refuses fields a user may not set (mass assignment)', async () => {
    const email = uniqueEmail();
    const res = await register({
      email,
      password: STRONG_PASSWORD,
      roles: ['admin'],
      isActive: true,
      emailVerified: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', message: expect.stringContaining('"roles"') }),
    ]);
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });
});

describe('POST /api/auth/login', () => {
  it('answers 200 with the token response, sets the cookie and records the login', async () => {
    const email = uniqueEmail();
    const registered = await register({ email, password: STRONG_PASSWORD });
    const res = await login({ email: email.toUpperCase(), password: STRONG_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 300, user: { email } });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.user.lastLoginAt).toBe(t.clock.now().toISOString());
    const cookie = readSetCookie(res);
    expect(cookie?.attrs).toMatchObject({
      httponly: 'true',
      secure: 'true',
      samesite: 'Strict',
      path: '/api/auth',
      'max-age': String(14 * 24 * 3600),
    });
    expectNoSecrets(res.text, refreshCookieOf(res));
    // A login starts a session of its own: a new family, not the one registering started.
    const familyOf = async (token: string) =>
      (await t.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: hashRefreshToken(token) } })).familyId;
    expect(await familyOf(refreshCookieOf(res))).not.toBe(await familyOf(refreshCookieOf(registered)));
    const events = await t.db.auditEvent.findMany({ where: { user: { email }, type: 'login.succeeded' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      ip: expect.stringContaining('127.0.0.1'),
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers unknown email and wrong password with the same 401', async () => {
    const email = uniqueEmail();
    await register({ email, password: STRONG_PASSWORD });
    const wrong = await login({ email, password: 'not-the-password' });
    const unknown = await login({ email: uniqueEmail('ghost'), password: 'not-the-password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(readSetCookie(res)).toBeUndefined();
    }
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('invalid_credentials');
    const failed = await t.db.auditEvent.findMany({
      where: {
        type: 'login.failed',
        requestId: { in: [String(wrong.headers['x-request-id']), String(unknown.headers['x-request-id'])] },
      },
    });
    expect(failed).toHaveLength(2);
  });

  it('refuses a deactivated user with 403 account_inactive', async () => {
    const user = await loginAs(t);
    await t.db.user.update({ where: { id: user.userId }, data: { isActive: false } });
    const res = await login({ email: user.email, password: user.password });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('account_inactive');
    expect(readSetCookie(res)).toBeUndefined();
  });

  it('re-hashes a password stored with older argon2 parameters on the next login', async () => {
    const user = await loginAs(t);
    const weak = await argon2.hash(user.password, {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    await t.db.user.update({ where: { id: user.userId }, data: { passwordHash: weak } });
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);
  });

  it('answers 422 for a body without a password and 400 for malformed JSON', async () => {
    const missing = await login({ email: 'a@example.com' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'invalid_type' })]);
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
  });
});

describe('GET /api/users/me', () => {
  it('returns the caller with a valid access token', async () => {
    const user = await loginAs(t);
    const res = await request(t.app).get('/api/users/me').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.userId, email: user.email, roles: ['user'] });
    expectNoSecrets(res.text, user.refreshToken);
  });

  it('answers 401 unauthorized with a Bearer challenge without a token', async () => {
    const res = await request(t.app).get('/api/users/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="easel"');
  });

  it('answers 401 token_expired once the token is past its TTL, and invalid_token for garbage', async () => {
    const user = await loginAs(t);
    t.clock.advance(301);
    const expired = await request(t.app).get('/api/users/me').set(user.auth);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token_expired');
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
    const garbage = await request(t.app).get('/api/users/me').set('Authorization', 'Bearer abc.def.ghi');
    expect(garbage.body.code).toBe('invalid_token');
    const basic = await request(t.app).get('/api/users/me').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(basic.body.code).toBe('invalid_token');
  });
});
