import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../../test/helpers.ts';
import { passwordStep } from '../../../test/mfa.ts';

// Registering and asserting with a real authenticator is covered in the browser (e2e/mfa.spec.ts,
// Chromium's virtual authenticator). Here: the rules around it, with passkey rows made directly.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

const FAKE_ANSWER = {
  id: 'bm90LWEtcGFzc2tleQ',
  rawId: 'bm90LWEtcGFzc2tleQ',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
};

async function withPasskey(user: LoggedIn, name = 'Laptop') {
  return t.db.passkey.create({
    data: {
      userId: user.userId,
      credentialId: `cred-${user.userId}-${name}`,
      publicKey: Buffer.from('not a real key'),
      deviceType: 'multiDevice',
      backedUp: true,
      name,
      transports: ['internal'],
    },
  });
}

/** What a step-up would do, without an authenticator: this session proved a factor just now. */
async function markStepUp(user: LoggedIn) {
  const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string };
  await t.db.refreshFamily.update({ where: { id: claims.sid }, data: { mfaVerifiedAt: t.clock.now() } });
}

describe('passwordless passkey sign-in', () => {
  it('offers options for any discoverable passkey, with user verification required', async () => {
    const res = await request(t.app).post('/api/auth/passkeys/sign-in/options');
    expect(res.status).toBe(200);
    expect(res.body.challengeToken).toMatch(/^[\w-]{43}$/);
    expect(res.body.options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(res.body.options.allowCredentials ?? []).toEqual([]);
  });

  it('refuses an answer no authenticator made, and challenges of another purpose', async () => {
    const { body } = await request(t.app).post('/api/auth/passkeys/sign-in/options');
    const fake = await request(t.app)
      .post('/api/auth/passkeys/sign-in')
      .send({ challengeToken: body.challengeToken, passkey: FAKE_ANSWER });
    expect(fake.status).toBe(401);
    expect(fake.body.code).toBe('invalid_passkey');
    expect(fake.headers['set-cookie']).toBeUndefined();

    // A passwordless challenge is no second step, and a second step no passwordless challenge.
    const asSecondStep = await request(t.app)
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: body.challengeToken, passkey: FAKE_ANSWER });
    expect(asSecondStep.body.code).toBe('invalid_mfa_challenge');
    const user = await loginAs(t);
    await withPasskey(user);
    const signIn = await passwordStep(t, user);
    const asPasswordless = await request(t.app)
      .post('/api/auth/passkeys/sign-in')
      .send({ challengeToken: signIn, passkey: FAKE_ANSWER });
    expect(asPasswordless.body.code).toBe('invalid_mfa_challenge');
  });
});

describe('a passkey as the second factor', () => {
  it('makes the password step answer a challenge, whose options name the user’s passkeys', async () => {
    const user = await loginAs(t);
    const passkey = await withPasskey(user);
    const login = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(login.body).toMatchObject({ mfaRequired: true, methods: ['passkey'] });
    const options = await request(t.app)
      .post('/api/auth/mfa/passkey-options')
      .send({ challengeToken: login.body.challengeToken });
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials).toEqual([
      { id: passkey.credentialId, type: 'public-key', transports: ['internal'] },
    ]);
    const fake = await request(t.app)
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: login.body.challengeToken, passkey: FAKE_ANSWER });
    expect(fake.status).toBe(401);
    expect(fake.body.code).toBe('invalid_passkey');
  });
});

describe('managing passkeys', () => {
  it('offers registration options for a discoverable credential, excluding the user’s passkeys', async () => {
    const user = await loginAs(t);
    const res = await request(t.app).post('/api/auth/passkeys/options').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body.options).toMatchObject({
      rp: { id: 'localhost', name: 'Easel' },
      user: { name: user.email },
      authenticatorSelection: { residentKey: 'required' },
      excludeCredentials: [],
    });
    const fake = await request(t.app)
      .post('/api/auth/passkeys')
      .set(user.auth)
      .send({ challengeToken: res.body.challengeToken, passkey: FAKE_ANSWER, name: 'Fake' });
    expect(fake.status).toBe(401);
    expect(fake.body.code).toBe('invalid_passkey');
    expect(await t.db.passkey.count({ where: { userId: user.userId } })).toBe(0);
  });

  it('needs a step-up once the user has a factor: to add, rename or remove one', async () => {
    const user = await loginAs(t);
    const passkey = await withPasskey(user);
    for (const call of [
      request(t.app).post('/api/auth/passkeys/options').set(user.auth),
      request(t.app).patch(`/api/auth/passkeys/${passkey.id}`).set(user.auth).send({ name: 'New' }),
      request(t.app).delete(`/api/auth/passkeys/${passkey.id}`).set(user.auth),
    ]) {
      const res = await call;
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('step_up_required');
    }
  });

  it('renames and removes the caller’s own passkeys only; the last one takes the recovery codes along', async () => {
    const user = await loginAs(t);
    const other = await loginAs(t);
    const mine = await withPasskey(user, 'Laptop');
    const theirs = await withPasskey(other, 'Theirs');
    await markStepUp(user);
    const regenerated = await request(t.app).post('/api/auth/mfa/recovery-codes').set(user.auth);
    expect(regenerated.body.codes).toHaveLength(10);

    const renamed = await request(t.app)
      .patch(`/api/auth/passkeys/${mine.id}`)
      .set(user.auth)
      .send({ name: ' Work laptop ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: mine.id, name: 'Work laptop', deviceType: 'multiDevice', backedUp: true });
    expect(Object.keys(renamed.body).sort()).toEqual([
      'backedUp',
      'createdAt',
      'deviceType',
      'id',
      'lastUsedAt',
      'name',
    ]);
    const notMine = await request(t.app).patch(`/api/auth/passkeys/${theirs.id}`).set(user.auth).send({ name: 'Mine' });
    expect(notMine.status).toBe(404);
    const blank = await request(t.app).patch(`/api/auth/passkeys/${mine.id}`).set(user.auth).send({ name: '  ' });
    expect(blank.status).toBe(422);

    const listed = await request(t.app).get('/api/auth/mfa').set(user.auth);
    expect(listed.body.passkeyList.map((p: { name: string }) => p.name)).toEqual(['Work laptop']);
    expect(listed.body.stepUpUntil).toEqual(expect.any(String));

    expect((await request(t.app).delete(`/api/auth/passkeys/${theirs.id}`).set(user.auth)).status).toBe(404);
    expect((await request(t.app).delete(`/api/auth/passkeys/${mine.id}`).set(user.auth)).status).toBe(204);
    expect(await t.db.recoveryCode.count({ where: { userId: user.userId } })).toBe(0);
    expect(await t.db.passkey.count({ where: { userId: other.userId } })).toBe(1);
    const audit = await t.db.auditEvent.findFirst({ where: { userId: user.userId, type: 'mfa.passkey_removed' } });
    expect(audit?.data).toEqual({ passkeyId: mine.id });
  });
});
