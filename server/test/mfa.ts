import { generate } from 'otplib';
import request from 'supertest';
import { expect } from 'vitest';
import { FROM_APP, loginAs, refreshCookieOf, type LoggedIn, type TestApp } from './helpers.ts';

/** A code as the user's app would show it at `secondsFromNow` on the test app's clock. */
export async function totpAt(t: TestApp, secret: string, secondsFromNow = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + secondsFromNow });
}

/** Moves the fake clock to the start of the next 30-second step, so a new code is due. */
export function nextStep(t: TestApp): void {
  const seconds = t.clock.now().getTime() / 1000;
  t.clock.advance(30 - (seconds % 30) + 0.001);
}

export interface EnrolledUser extends LoggedIn {
  secret: string;
  recoveryCodes: string[];
}

/** A user signed in, with an authenticator app set up through the API (and its recovery codes). */
export async function enrolTotp(t: TestApp, options: { roles?: string[] } = {}): Promise<EnrolledUser> {
  const user = await loginAs(t, options);
  const started = await request(t.app).post('/api/auth/mfa/totp').set(user.auth);
  expect(started.status, started.text).toBe(200);
  const secret = started.body.secret as string;
  const confirmed = await request(t.app)
    .post('/api/auth/mfa/totp/confirm')
    .set(user.auth)
    .send({ code: await totpAt(t, secret) });
  expect(confirmed.status, confirmed.text).toBe(200);
  // The confirming code's step is used up; the next sign-in needs the next one.
  nextStep(t);
  return { ...user, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

/** Password step of the sign-in: the challenge token. */
export async function passwordStep(t: TestApp, user: { email: string; password: string }): Promise<string> {
  const res = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
  expect(res.status, res.text).toBe(200);
  expect(res.body.mfaRequired).toBe(true);
  return res.body.challengeToken as string;
}

/** Both steps with a fresh TOTP code: a session's access token. */
export async function signInWithTotp(t: TestApp, user: EnrolledUser): Promise<{ Authorization: string }> {
  nextStep(t);
  const challengeToken = await passwordStep(t, user);
  const res = await request(t.app)
    .post('/api/auth/mfa/verify')
    .send({ challengeToken, code: await totpAt(t, user.secret) });
  expect(res.status, res.text).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken as string}` };
}

/** A step-up of the user's session with the next TOTP code: its sensitive actions are open again. */
export async function stepUpWithTotp(t: TestApp, user: EnrolledUser) {
  nextStep(t);
  const res = await request(t.app)
    .post('/api/auth/mfa/step-up')
    .set(user.auth)
    .send({ code: await totpAt(t, user.secret) });
  expect(res.status, res.text).toBe(200);
  return res;
}

/** A fresh access token for the user's session through the refresh cookie (tokens live 5 minutes). */
export async function refreshAccess(t: TestApp, user: { refreshToken: string; auth: { Authorization: string } }) {
  const res = await request(t.app)
    .post('/api/auth/refresh')
    .set(FROM_APP)
    .set('Cookie', `easel_refresh=${user.refreshToken}`);
  expect(res.status, res.text).toBe(200);
  user.refreshToken = refreshCookieOf(res);
  user.auth = { Authorization: `Bearer ${res.body.accessToken as string}` };
}
