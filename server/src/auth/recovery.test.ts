import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  FROM_APP,
  loginAs,
  STRONG_PASSWORD,
  TEST_ORIGIN,
  uniqueEmail,
  type TestApp,
} from '../../test/helpers.ts';
import { startSmtpServer, tokenOf, type TestSmtpServer } from '../../test/smtp.ts';

const run = promisify(execFile);
const NEW_PASSWORD = 'copper-meadow-whistle-77';
const ACCEPTED = {
  message: 'If an account uses this address, an email is on its way. Check your inbox (and spam folder).',
};

let smtp: TestSmtpServer;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({
    env: { SMTP_URL: smtp.url, APP_ORIGIN: TEST_ORIGIN, RATE_LIMIT_RECOVERY: '1000', RATE_LIMIT_RECOVERY_IP: '1000' },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const forgot = (email: string) => request(t.app).post('/api/auth/password/forgot').send({ email });
const reset = (token: string, newPassword = NEW_PASSWORD) =>
  request(t.app).post('/api/auth/password/reset').send({ token, newPassword });
const verify = (token: string) => request(t.app).post('/api/auth/email/verify').send({ token });
const login = (email: string, password: string) => request(t.app).post('/api/auth/login').send({ email, password });

/** Asks for a reset link and reads it from the mailbox. */
async function resetTokenFor(email: string): Promise<string> {
  expect((await forgot(email)).status).toBe(202);
  await t.mailer.idle();
  return tokenOf(smtp.to(email).at(-1), '/reset-password');
}

describe('POST /api/auth/password/forgot and /reset', () => {
  it('mails a link that sets a new password, ends every session and is audited', async () => {
    const user = await loginAs(t);
    const res = await forgot(user.email);
    expect(res.status).toBe(202);
    expect(res.body).toEqual(ACCEPTED);
    await t.mailer.idle();
    const mail = smtp.to(user.email).find((m) => m.subject.includes('Reset'));
    expect(mail?.subject).toBe('Reset your Easel password');
    expect(mail?.text).toContain(`${TEST_ORIGIN}/reset-password#token=`);
    expect(mail?.html).toContain(`href="${TEST_ORIGIN}/reset-password#token=`);
    const token = tokenOf(mail, '/reset-password');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // Only the hash is stored.
    const rows = await t.db.accountToken.findMany({ where: { userId: user.userId, purpose: 'reset_password' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);

    expect((await reset(token)).status).toBe(204);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await login(user.email, user.password)).body.code).toBe('invalid_credentials');
    // The sessions from before the reset are over: access token and refresh cookie alike.
    const me = await request(t.app).get('/api/users/me').set(user.auth);
    expect(me.status).toBe(401);
    const refreshed = await request(t.app)
      .post('/api/auth/refresh')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${user.refreshToken}`);
    expect(refreshed.status).toBe(401);
    const audit = await t.db.auditEvent.findFirst({ where: { type: 'password.reset', userId: user.userId } });
    expect(audit?.data).toEqual({ sessionsRevoked: 2 });
    expect(audit?.ip).toContain('127.0.0.1');
    // The owner is told, and the link proved the address.
    await t.mailer.idle();
    expect(smtp.to(user.email).map((m) => m.subject)).toContain('Your Easel password was reset');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.userId } })).emailVerified).toBe(true);
  });

  it('works once', async () => {
    const user = await loginAs(t);
    const token = await resetTokenFor(user.email);
    expect((await reset(token)).status).toBe(204);
    const again = await reset(token, 'another-fresh-password-9');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'link_invalid', status: 400 });
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('expires after RESET_TOKEN_TTL', async () => {
    const user = await loginAs(t);
    const token = await resetTokenFor(user.email);
    t.clock.advance(t.config.mail.resetTtl + 1);
    const res = await reset(token);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('link_expired');
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('is replaced by a newer link: only the newest works', async () => {
    const user = await loginAs(t);
    const first = await resetTokenFor(user.email);
    const second = await resetTokenFor(user.email);
    expect(first).not.toBe(second);
    expect((await reset(first)).body.code).toBe('link_invalid');
    expect((await reset(second)).status).toBe(204);
  });

  it('refuses a password that is the email, and the link still works after', async () => {
    const user = await loginAs(t);
    const token = await resetTokenFor(user.email);
    const res = await reset(token, user.email);
    expect(res.status).toBe(422);
    expect((await reset(token)).status).toBe(204);
  });

  it('refuses a made-up token and a malformed one', async () => {
    expect((await reset('A'.repeat(43))).body.code).toBe('link_invalid');
    expect((await reset('not a token!')).status).toBe(422);
  });

  it('dies when the password is changed meanwhile, and the change is notified', async () => {
    const user = await loginAs(t);
    const token = await resetTokenFor(user.email);
    const changed = await request(t.app)
      .post('/api/auth/password/change')
      .set(user.auth)
      .send({ currentPassword: user.password, newPassword: 'river-stone-harvest-13' });
    expect(changed.status).toBe(204);
    expect((await reset(token)).body.code).toBe('link_invalid');
    // And the owner is told of the change.
    await t.mailer.idle();
    expect(smtp.to(user.email).at(-1)?.subject).toBe('Your Easel password was changed');
  });
});

describe('forgot-password does not tell who has an account', () => {
  it('answers an unknown address with the same status and body, and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const res = await forgot(email);
    expect(res.status).toBe(202);
    expect(res.body).toEqual(ACCEPTED);
    await t.mailer.idle();
    expect(smtp.to(email)).toHaveLength(0);
  });

  it('takes about as long for an unknown address as for a known one (medians)', async () => {
    const user = await loginAs(t);
    const unknown = uniqueEmail('nobody');
    // Timed from a process of its own: the SMTP server, its parser and the mail job run in this
    // one, and would slow the test's own clock rather than the server's answer.
    const server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const { stdout } = await run(process.execPath, [
        '-e',
        TIMING_CLIENT,
        `http://127.0.0.1:${port}/api/auth/password/forgot`,
        user.email,
        unknown,
      ]);
      const { known, absent } = JSON.parse(stdout) as { known: number[]; absent: number[] };
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      const [a, b] = [median(known), median(absent)];
      console.warn(
        `forgot-password median of ${known.length}: existing ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms`,
      );
      // Generous: a shared 2-core machine is noisy; a real difference (storing the token, talking
      // to the SMTP server before answering) would be several times this.
      expect(Math.abs(a - b)).toBeLessThan(Math.max(25, Math.min(a, b)));
    } finally {
      await t.mailer.idle();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Alternates known and unknown addresses, a pause between requests; prints the times (ms) as JSON. */
const TIMING_CLIENT = `
const [url, known, unknown] = process.argv.slice(1);
const ask = async (email) => {
  const start = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  await res.text();
  if (res.status !== 202) throw new Error('status ' + res.status);
  return performance.now() - start;
};
const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
const times = { known: [], absent: [] };
await ask(known); await pause(); await ask(unknown); await pause();
for (let i = 0; i < 15; i += 1) {
  times.known.push(await ask(known)); await pause();
  times.absent.push(await ask(unknown)); await pause();
}
console.log(JSON.stringify(times));
`;

describe('POST /api/auth/email/verify and /resend', () => {
  it('mails a verification link at registration that marks the address verified, once', async () => {
    const email = uniqueEmail();
    const registered = await request(t.app)
      .post('/api/auth/register')
      .send({ email, password: STRONG_PASSWORD, name: '<b>Ann</b> & co' });
    expect(registered.status).toBe(201);
    expect(registered.body.user.emailVerified).toBe(false);
    await t.mailer.idle();
    const mail = smtp.to(email).at(-1);
    expect(mail?.subject).toBe('Confirm your email address for Easel');
    // User data is escaped in the HTML body.
    expect(mail?.html).toContain('Hello &lt;b&gt;Ann&lt;/b&gt; &amp; co,');
    expect(mail?.html).not.toContain('<b>Ann</b>');
    const token = tokenOf(mail, '/verify-email');
    const res = await verify(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email, emailVerified: true });
    const me = await request(t.app).get('/api/users/me').set('Authorization', `Bearer ${registered.body.accessToken}`);
    expect(me.body.emailVerified).toBe(true);
    expect(await t.db.auditEvent.count({ where: { type: 'email.verified', userId: me.body.id } })).toBe(1);
    expect((await verify(token)).body.code).toBe('link_invalid');
  });

  it('expires after VERIFICATION_TOKEN_TTL', async () => {
    const user = await loginAs(t);
    await t.mailer.idle();
    const token = tokenOf(smtp.to(user.email).at(-1), '/verify-email');
    t.clock.advance(t.config.mail.verificationTtl + 1);
    expect((await verify(token)).body.code).toBe('link_expired');
  });

  it('resend mails a new link that replaces the old one, and nothing once verified', async () => {
    const user = await loginAs(t);
    await t.mailer.idle();
    const old = tokenOf(smtp.to(user.email).at(-1), '/verify-email');
    const res = await request(t.app).post('/api/auth/email/resend').send({ email: user.email });
    expect(res.status).toBe(202);
    expect(res.body).toEqual(ACCEPTED);
    await t.mailer.idle();
    const fresh = tokenOf(smtp.to(user.email).at(-1), '/verify-email');
    expect(fresh).not.toBe(old);
    expect((await verify(old)).body.code).toBe('link_invalid');
    expect((await verify(fresh)).status).toBe(200);
    const count = smtp.to(user.email).length;
    const afterVerified = await request(t.app).post('/api/auth/email/resend').send({ email: user.email });
    expect(afterVerified.status).toBe(202);
    expect(afterVerified.body).toEqual(ACCEPTED);
    const unknown = await request(t.app)
      .post('/api/auth/email/resend')
      .send({ email: uniqueEmail('nobody') });
    expect(unknown.body).toEqual(ACCEPTED);
    await t.mailer.idle();
    expect(smtp.to(user.email)).toHaveLength(count);
  });

  it('an email change sends a verification to the new address and a notice to the old one', async () => {
    const user = await loginAs(t);
    await t.mailer.idle();
    const oldLink = tokenOf(smtp.to(user.email).at(-1), '/verify-email');
    const oldReset = await resetTokenFor(user.email);
    const newEmail = uniqueEmail('moved');
    const res = await request(t.app)
      .patch('/api/users/me')
      .set(user.auth)
      .send({ email: newEmail, currentPassword: user.password });
    expect(res.status).toBe(200);
    await t.mailer.idle();
    const notice = smtp.to(user.email).at(-1);
    expect(notice?.subject).toBe('Your Easel email address was changed');
    expect(notice?.text).toContain(newEmail);
    // Links sent to the old address are dead.
    expect((await verify(oldLink)).body.code).toBe('link_invalid');
    expect((await reset(oldReset)).body.code).toBe('link_invalid');
    const verified = await verify(tokenOf(smtp.to(newEmail).at(-1), '/verify-email'));
    expect(verified.body).toEqual({ email: newEmail, emailVerified: true });
  });
});

describe('rate limits', () => {
  it('limits asking for mail per address (from any IP) and per IP (for any address)', async () => {
    const limited = await buildTestApp({
      env: { SMTP_URL: smtp.url, RATE_LIMIT_RECOVERY: '2', RATE_LIMIT_RECOVERY_IP: '4', TRUST_PROXY: 'loopback' },
    });
    const ask = (email: string, ip: string) =>
      request(limited.app).post('/api/auth/password/forgot').set('X-Forwarded-For', ip).send({ email });
    const target = uniqueEmail('target');
    expect((await ask(target, '10.0.0.1')).status).toBe(202);
    expect((await ask(target, '10.0.0.2')).status).toBe(202);
    const third = await ask(target, '10.0.0.3');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('rate_limited');
    expect(third.headers['retry-after']).toBeDefined();
    // Resend shares the address budget.
    const resend = await request(limited.app)
      .post('/api/auth/email/resend')
      .set('X-Forwarded-For', '10.0.0.4')
      .send({ email: target });
    expect(resend.status).toBe(429);
    for (let i = 0; i < 4; i += 1) expect((await ask(uniqueEmail('spray'), '10.9.9.9')).status).toBe(202);
    expect((await ask(uniqueEmail('spray'), '10.9.9.9')).status).toBe(429);
    await limited.mailer.idle();
  });
});

describe('REQUIRE_VERIFIED_EMAIL=true', () => {
  it('registers without a session, refuses sign-in until the address is verified', async () => {
    const strict = await buildTestApp({ env: { SMTP_URL: smtp.url, REQUIRE_VERIFIED_EMAIL: 'true' } });
    const email = uniqueEmail('strict');
    const registered = await request(strict.app).post('/api/auth/register').send({ email, password: STRONG_PASSWORD });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ emailVerificationRequired: true, user: { email, emailVerified: false } });
    expect(registered.body.accessToken).toBeUndefined();
    expect(registered.headers['set-cookie']).toBeUndefined();
    const refused = await request(strict.app).post('/api/auth/login').send({ email, password: STRONG_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('email_not_verified');
    // A wrong password is not told apart from an unknown account.
    const wrong = await request(strict.app).post('/api/auth/login').send({ email, password: 'wrong-password-123' });
    expect(wrong.body.code).toBe('invalid_credentials');
    await strict.mailer.idle();
    const token = tokenOf(smtp.to(email).at(-1), '/verify-email');
    expect((await request(strict.app).post('/api/auth/email/verify').send({ token })).status).toBe(200);
    expect((await request(strict.app).post('/api/auth/login').send({ email, password: STRONG_PASSWORD })).status).toBe(
      200,
    );
  });
});
