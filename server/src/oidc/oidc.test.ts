import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, readSetCookie, TEST_ORIGIN, uniqueEmail, type TestApp } from '../../test/helpers.ts';
import { passProvider, startTestProvider, type ProviderAccount, type TestProvider } from '../../test/oidc-provider.ts';

const CALLBACK = (id: string) => `${TEST_ORIGIN}/api/auth/oidc/${id}/callback`;
const STATE_COOKIE = 'easel_refresh_oidc_state';
let provider: TestProvider;
let t: TestApp;

function providersEnv(p: TestProvider, extra: Record<string, unknown>[] = []) {
  const base = { issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret };
  return JSON.stringify([
    { id: 'test', name: 'Test ID', ...base },
    { id: 'closed', name: 'Closed ID', allowSignup: false, ...base },
    ...extra.map((entry) => ({ ...base, ...entry })),
  ]);
}

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: ['test', 'closed', 'off'].map(CALLBACK) });
  t = await buildTestApp({
    env: { OIDC_PROVIDERS: providersEnv(provider, [{ id: 'off', name: 'Off ID', enabled: false }]) },
  });
});
afterAll(() => provider.close());

const account = (overrides: Partial<ProviderAccount> = {}): ProviderAccount => ({
  subject: `sub-${Math.random().toString(36).slice(2)}`,
  email: uniqueEmail('oidc'),
  emailVerified: true,
  name: 'Ada Provider',
  ...overrides,
});

interface Started {
  authorizationUrl: string;
  state: string;
}

async function start(path = '/api/auth/oidc/test/start'): Promise<Started> {
  const res = await request(t.app).get(path).expect(302);
  const state = readSetCookie(res, STATE_COOKIE);
  if (!state) throw new Error('no state cookie');
  return { authorizationUrl: res.headers.location as string, state: state.value };
}

/** The app's callback, as the browser calls it: with the query the provider gave and this browser's state cookie. */
function callback(back: URL, stateCookie: string) {
  return request(t.app)
    .get(back.pathname + back.search)
    .set('Cookie', `${STATE_COOKIE}=${stateCookie}`);
}

function refreshWith(cookieValue: string) {
  return request(t.app)
    .post('/api/auth/refresh')
    .set('Origin', TEST_ORIGIN)
    .set('X-Requested-With', 'easel')
    .set('Cookie', `easel_refresh=${cookieValue}`);
}

async function signIn(who: ProviderAccount, path?: string) {
  provider.signInAs(who);
  const started = await start(path);
  const back = await passProvider(TEST_ORIGIN, started.authorizationUrl);
  return callback(back, started.state);
}

describe('OpenID Connect sign-in', () => {
  it('lists the enabled providers only', async () => {
    const res = await request(t.app).get('/api/auth/oidc/providers').expect(200);
    expect(res.body).toEqual({
      items: [
        { id: 'test', name: 'Test ID' },
        { id: 'closed', name: 'Closed ID' },
      ],
    });
  });

  it('sends the browser to the provider with PKCE, state and nonce, and keeps the state in a Lax cookie', async () => {
    const started = await start('/api/auth/oidc/test/start?returnTo=/drawings/abc');
    const url = new URL(started.authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBe(started.state);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK('test'));
    const stored = await t.db.oidcLogin.findMany({ where: { returnTo: '/drawings/abc' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.stateHash).not.toContain(started.state);
  });

  it('creates an account for a new verified email and starts a session the SPA restores by refresh', async () => {
    const who = account();
    const res = await signIn(who, '/api/auth/oidc/test/start?returnTo=/drawings/d1');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/drawings/d1`);
    const cookie = readSetCookie(res);
    expect(cookie?.attrs).toMatchObject({ httponly: 'true', samesite: 'Strict', path: '/api/auth' });
    const refreshed = await refreshWith(cookie!.value).expect(200);
    expect(refreshed.body.user).toMatchObject({ email: who.email, name: 'Ada Provider', roles: ['user'] });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: who.email }, include: { identities: true } });
    expect(user).toMatchObject({ emailVerified: true, passwordSet: false });
    expect(user.identities).toMatchObject([{ provider: 'test', subject: who.subject }]);
    // The password nobody knows cannot sign in.
    await request(t.app).post('/api/auth/login').send({ email: who.email, password: 'anything-at-all-1' }).expect(401);
  });

  it('signs a returning identity in to its account, even after the provider changed its email', async () => {
    const who = account();
    await signIn(who);
    const again = await signIn({ ...who, email: uniqueEmail('renamed') });
    expect(again.status).toBe(303);
    const refreshed = await refreshWith(readSetCookie(again)!.value).expect(200);
    expect(refreshed.body.user.email).toBe(who.email);
  });

  it('refuses a callback whose state is not this browser’s', async () => {
    provider.signInAs(account());
    const started = await start();
    const back = await passProvider(TEST_ORIGIN, started.authorizationUrl);
    const res = await callback(back, 'another-browsers-state');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_state_invalid`);
    expect(readSetCookie(res)).toBeUndefined();
  });

  it('refuses a replayed callback (the same code and state twice)', async () => {
    provider.signInAs(account());
    const started = await start();
    const back = await passProvider(TEST_ORIGIN, started.authorizationUrl);
    expect((await callback(back, started.state)).headers.location).toBe(`${TEST_ORIGIN}/drawings`);
    const replay = await callback(back, started.state);
    expect(replay.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_state_invalid`);
    expect(readSetCookie(replay)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    provider.signInAs(account());
    const started = await start();
    const back = await passProvider(TEST_ORIGIN, started.authorizationUrl);
    await t.db.oidcLogin.updateMany({ data: { nonce: 'a-nonce-this-sign-in-never-sent' } });
    const res = await callback(back, started.state);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_token_rejected`);
    expect(readSetCookie(res)).toBeUndefined();
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    provider.signInAs(account());
    const started = await start();
    const back = await passProvider(TEST_ORIGIN, started.authorizationUrl);
    t.clock.advance(10 * 60 * 1000 + 1);
    const res = await callback(back, started.state);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_state_invalid`);
  });

  it('refuses an email the provider has not verified, and creates nothing', async () => {
    const who = account({ emailVerified: false });
    const res = await signIn(who);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_email_unverified`);
    expect(await t.db.user.count({ where: { email: who.email } })).toBe(0);
  });

  it('never joins an existing account by email alone: its owner must sign in and link', async () => {
    const owner = await loginAs(t);
    const res = await signIn(account({ email: owner.email }));
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_account_exists`);
    expect(readSetCookie(res)).toBeUndefined();
    expect(await t.db.userIdentity.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it('does not create accounts through a provider that does not allow sign-up', async () => {
    const who = account();
    const res = await signIn(who, '/api/auth/oidc/closed/start');
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_signup_disabled`);
    expect(await t.db.user.count({ where: { email: who.email } })).toBe(0);
  });

  it('refuses a disabled or unknown provider', async () => {
    for (const id of ['off', 'nope']) {
      const res = await request(t.app).get(`/api/auth/oidc/${id}/start`).expect(404);
      expect(res.body).toMatchObject({ code: 'oidc_provider_unavailable' });
    }
    const res = await request(t.app).get('/api/auth/oidc/off/callback?code=x&state=y').expect(303);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_provider_unavailable`);
  });

  it('refuses a return path outside the app (no open redirect)', async () => {
    for (const returnTo of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const res = await request(t.app).get('/api/auth/oidc/test/start').query({ returnTo }).expect(422);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('does not open an account that has a second factor with the provider alone', async () => {
    const who = account();
    await signIn(who);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: who.email } });
    await t.db.passkey.create({
      data: {
        userId: user.id,
        credentialId: `cred-${who.subject}`,
        publicKey: Buffer.from('not a real key'),
        deviceType: 'singleDevice',
        name: 'Test key',
      },
    });
    const res = await signIn(who);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=oidc_second_factor_required`);
    expect(readSetCookie(res)).toBeUndefined();
  });

  it('refuses a deactivated account', async () => {
    const who = account();
    await signIn(who);
    await t.db.user.update({ where: { email: who.email }, data: { isActive: false } });
    const res = await signIn(who);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/login?error=account_inactive`);
  });
});

describe('linked identities', () => {
  async function link(user: { auth: { Authorization: string } }, who: ProviderAccount) {
    provider.signInAs(who);
    const res = await request(t.app)
      .post('/api/auth/oidc/test/link')
      .set(user.auth)
      .send({ returnTo: '/account' })
      .expect(200);
    const state = readSetCookie(res, STATE_COOKIE)!.value;
    return callback(await passProvider(TEST_ORIGIN, res.body.url as string), state);
  }

  it('links a provider to the signed-in user, who then signs in with it', async () => {
    const owner = await loginAs(t);
    const who = account({ email: uniqueEmail('other') });
    const linked = await link(owner, who);
    expect(linked.headers.location).toBe(`${TEST_ORIGIN}/account`);
    expect(readSetCookie(linked)).toBeUndefined();
    const list = await request(t.app).get('/api/auth/oidc/identities').set(owner.auth).expect(200);
    expect(list.body).toMatchObject({ hasPassword: true, items: [{ provider: 'test', providerName: 'Test ID' }] });
    const res = await signIn(who);
    const refreshed = await refreshWith(readSetCookie(res)!.value).expect(200);
    expect(refreshed.body.user.id).toBe(owner.userId);
    const audit = await t.db.auditEvent.findMany({ where: { userId: owner.userId, type: 'identity.linked' } });
    expect(audit).toHaveLength(1);
  });

  it('refuses to link an identity that belongs to another account', async () => {
    const who = account();
    await signIn(who);
    const other = await loginAs(t);
    const res = await link(other, who);
    expect(res.headers.location).toBe(`${TEST_ORIGIN}/account?error=oidc_identity_taken`);
    expect(await t.db.userIdentity.count({ where: { userId: other.userId } })).toBe(0);
  });

  it('needs a signed-in user to link', async () => {
    await request(t.app).post('/api/auth/oidc/test/link').send({}).expect(401);
  });

  it('unlinks an identity, but never the last way to sign in', async () => {
    const who = account();
    const signedIn = await signIn(who);
    const { accessToken } = (await refreshWith(readSetCookie(signedIn)!.value).expect(200)).body;
    const auth = { Authorization: `Bearer ${accessToken}` };
    const list = await request(t.app).get('/api/auth/oidc/identities').set(auth).expect(200);
    expect(list.body.hasPassword).toBe(false);
    const only = list.body.items[0].id as string;
    const refused = await request(t.app).delete(`/api/auth/oidc/identities/${only}`).set(auth).expect(409);
    expect(refused.body.code).toBe('last_sign_in_method');

    // With a second provider linked, the first can go.
    provider.signInAs(account());
    const res = await request(t.app).post('/api/auth/oidc/test/link').set(auth).send({}).expect(200);
    await callback(
      await passProvider(TEST_ORIGIN, res.body.url as string),
      readSetCookie(res, STATE_COOKIE)!.value,
    ).expect(303);
    await request(t.app).delete(`/api/auth/oidc/identities/${only}`).set(auth).expect(204);
    const after = await request(t.app).get('/api/auth/oidc/identities').set(auth).expect(200);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].id).not.toBe(only);
  });

  it('does not unlink another user’s identity', async () => {
    const who = account();
    await signIn(who);
    const identity = await t.db.userIdentity.findFirstOrThrow({ where: { subject: who.subject } });
    const stranger = await loginAs(t);
    await request(t.app).delete(`/api/auth/oidc/identities/${identity.id}`).set(stranger.auth).expect(404);
    expect(await t.db.userIdentity.count({ where: { id: identity.id } })).toBe(1);
  });
});
