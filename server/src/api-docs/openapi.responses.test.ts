import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  FROM_APP,
  loginAs,
  readSetCookie,
  STRONG_PASSWORD,
  TEST_ORIGIN,
  uniqueEmail,
  type LoggedIn,
  type TestApp,
} from '../../test/helpers.ts';
import { totpAt } from '../../test/mfa.ts';
import { createConformanceChecker, type Answer } from '../../test/openapi-conformance.ts';
import { passProvider, startTestProvider, type TestProvider } from '../../test/oidc-provider.ts';
import { createClient, signed } from '../../test/service-clients.ts';
import { startSmtpServer, tokenOf, type TestSmtpServer } from '../../test/smtp.ts';
import { standardSigner, WEBHOOK_ENV } from '../../test/webhooks.ts';
import type { OpenApiDocument } from '../http/openapi.ts';

let t: TestApp;
let admin: LoggedIn;
let user: LoggedIn;
let check: ReturnType<typeof createConformanceChecker>;
let smtp: TestSmtpServer;
let provider: TestProvider;
const OIDC_STATE = 'easel_refresh_oidc_state';

beforeAll(async () => {
  smtp = await startSmtpServer();
  provider = await startTestProvider({ redirectUris: [`${TEST_ORIGIN}/api/auth/oidc/test/callback`] });
  const { issuer, clientId, clientSecret } = provider;
  const oidc = { OIDC_PROVIDERS: JSON.stringify([{ id: 'test', name: 'Test ID', issuer, clientId, clientSecret }]) };
  const mail = {
    SMTP_URL: smtp.url,
    APP_ORIGIN: TEST_ORIGIN,
    RATE_LIMIT_RECOVERY: '1000',
    RATE_LIMIT_RECOVERY_IP: '1000',
  };
  t = await buildTestApp({ env: { ...WEBHOOK_ENV, ...mail, ...oidc }, clock: 'system' });
  admin = await loginAs(t, { roles: ['admin'] });
  user = await loginAs(t);
  const spec = (await request(t.app).get('/api/openapi.json')).body as OpenApiDocument;
  check = createConformanceChecker(spec);
});
afterAll(async () => {
  await t.mailer.idle();
  await smtp.close();
  await provider.close();
});

const api = () => request(t.app);
const bearer = (who: LoggedIn) => who.auth;
const cookie = (token: string) => ({ ...FROM_APP, Cookie: `easel_refresh=${token}` });

/** A fresh user's session: for the cases that end or change it. */
async function freshSession() {
  return loginAs(t);
}

/**
 * A fresh user with an authenticator app set up through the API, and its recovery codes. Confirming
 * the app counts as a recent second factor: the session may do sensitive actions right away.
 */
async function withTotp() {
  const me = await freshSession();
  const started = await api().post('/api/auth/mfa/totp').set(bearer(me));
  const secret = (started.body as { secret: string }).secret;
  const confirmed = await api()
    .post('/api/auth/mfa/totp/confirm')
    .set(bearer(me))
    .send({ code: await totpAt(t, secret) });
  return { ...me, secret, recoveryCodes: (confirmed.body as { recoveryCodes: string[] }).recoveryCodes };
}

/** The token of the last link of this kind mailed to the address. */
async function mailedToken(email: string, page: '/reset-password' | '/verify-email'): Promise<string> {
  await t.mailer.idle();
  return tokenOf(smtp.to(email).at(-1), page);
}

/**
 * A passkey row for the user, made directly: registering one needs an authenticator (covered in the
 * browser by e2e/mfa.spec.ts), as in passkeys.test.ts.
 */
async function passkeyOf(who: LoggedIn) {
  return t.db.passkey.create({
    data: {
      userId: who.userId,
      credentialId: `cred-${randomUUID()}`,
      publicKey: Buffer.from('not a real key'),
      deviceType: 'multiDevice',
      backedUp: true,
      name: 'Laptop',
      transports: ['internal'],
    },
  });
}

/** The app's callback as the browser calls it, after the provider signed in a new account. */
async function oidcCallback(started: request.Response, authorizationUrl: string) {
  const back = await passProvider(TEST_ORIGIN, authorizationUrl);
  return api()
    .get(back.pathname + back.search)
    .set('Cookie', `${OIDC_STATE}=${readSetCookie(started, OIDC_STATE)?.value ?? ''}`);
}

function newProviderAccount() {
  provider.signInAs({ subject: `sub-${randomUUID()}`, email: uniqueEmail('oidc'), emailVerified: true });
}

/** Just enough CBOR (RFC 8949) for an attestation object and a COSE key: integers, text, bytes, maps. */
function cbor(value: number | string | Uint8Array | Map<number | string, unknown>): Buffer {
  const head = (major: number, n: number) =>
    n < 24
      ? Buffer.from([(major << 5) | n])
      : n < 256
        ? Buffer.from([(major << 5) | 24, n])
        : Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = [...value].flatMap(([k, v]) => [cbor(k), cbor(v as Parameters<typeof cbor>[0])]);
  return Buffer.concat([head(5, value.size), ...entries]);
}

/**
 * A software authenticator (attestation "none", ES256), the answers a browser's passkey would
 * give: the registration and sign-in ceremonies done for real, without a browser.
 */
function softwareAuthenticator() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(16);
  const id = credentialId.toString('base64url');
  const rpIdHash = createHash('sha256').update(new URL(TEST_ORIGIN).hostname).digest();
  const clientData = (type: string, challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin: TEST_ORIGIN, crossOrigin: false }));
  let userHandle = '';
  return {
    register(options: { challenge: string; user: { id: string } }) {
      userHandle = options.user.id;
      const coseKey = cbor(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ]),
      );
      const length = Buffer.from([credentialId.length >> 8, credentialId.length & 0xff]);
      const authData = Buffer.concat([
        rpIdHash,
        Buffer.from([0x45, 0, 0, 0, 0]),
        Buffer.alloc(16),
        length,
        credentialId,
        coseKey,
      ]);
      const attestationObject = cbor(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, unknown>()],
          ['authData', authData],
        ]),
      );
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: clientData('webauthn.create', options.challenge).toString('base64url'),
          attestationObject: attestationObject.toString('base64url'),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },
    assert(options: { challenge: string }) {
      const authData = Buffer.concat([rpIdHash, Buffer.from([0x05, 0, 0, 0, 1])]);
      const data = clientData('webauthn.get', options.challenge);
      const signed = Buffer.concat([authData, createHash('sha256').update(data).digest()]);
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: data.toString('base64url'),
          authenticatorData: authData.toString('base64url'),
          signature: sign('sha256', signed, privateKey).toString('base64url'),
          userHandle,
        },
        clientExtensionResults: {},
      };
    },
  };
}

interface Ceremony {
  challengeToken: string;
  options: { challenge: string; user: { id: string } };
}

/** A fresh user with a passkey registered through the API by a software authenticator. */
async function withPasskey() {
  const me = await freshSession();
  const authenticator = softwareAuthenticator();
  const ceremony = (await api().post('/api/auth/passkeys/options').set(bearer(me))).body as Ceremony;
  const registered = await api()
    .post('/api/auth/passkeys')
    .set(bearer(me))
    .send({ challengeToken: ceremony.challengeToken, passkey: authenticator.register(ceremony.options) });
  return { me, authenticator, registered };
}

async function drawingOf(who: LoggedIn) {
  const res = await api().post('/api/drawings').set(bearer(who)).send({ title: 'A', shapes: [] });
  return res.body as { id: string; version: number };
}

/** The id of a stored delivery, optionally marked failed (as after its last attempt). */
async function webhookEventId(status = 'done'): Promise<string> {
  const { body } = standardSigner.event('user.created', { id: 'x' });
  await api()
    .post('/api/webhooks/standard')
    .set('Content-Type', 'application/json')
    .set(standardSigner.sign(body))
    .send(body);
  const list = await api().get('/api/webhooks/events').set(bearer(admin));
  const id = (list.body as { items: Array<{ id: string }> }).items[0]?.id ?? randomUUID();
  await t.db.webhookEvent.update({ where: { id }, data: { status } });
  return id;
}

/** Each case: the operation, what it shows, the status expected, and the request. */
const cases: Array<[string, string, number, () => Promise<request.Response>]> = [
  ['GET /healthz', 'alive', 200, () => api().get('/healthz')],
  ['GET /readyz', 'ready', 200, () => api().get('/readyz')],
  ['GET /.well-known/jwks.json', 'the key set', 200, () => api().get('/.well-known/jwks.json')],
  ['GET /api/openapi.json', 'the document', 200, () => api().get('/api/openapi.json')],
  ['GET /api/docs', 'the page', 200, () => api().get('/api/docs')],
  ['GET /api/docs/assets/{file}', 'a script', 200, () => api().get('/api/docs/assets/swagger-ui-bundle.js')],
  ['GET /api/docs/assets/{file}', 'no such asset', 404, () => api().get('/api/docs/assets/nope.js')],
  [
    'POST /api/auth/register',
    'a new account',
    201,
    () => api().post('/api/auth/register').send({ email: uniqueEmail(), password: STRONG_PASSWORD }),
  ],
  [
    'POST /api/auth/register',
    'an email in use',
    409,
    () => api().post('/api/auth/register').send({ email: user.email, password: STRONG_PASSWORD }),
  ],
  [
    'POST /api/auth/register',
    'a bad email',
    422,
    () => api().post('/api/auth/register').send({ email: 'nope', password: STRONG_PASSWORD }),
  ],
  [
    'POST /api/auth/login',
    'signed in',
    200,
    () => api().post('/api/auth/login').send({ email: user.email, password: user.password }),
  ],
  [
    'POST /api/auth/login',
    'a wrong password',
    401,
    () => api().post('/api/auth/login').send({ email: user.email, password: 'wrong-password-1' }),
  ],
  [
    'POST /api/auth/login',
    'malformed JSON',
    400,
    () => api().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":'),
  ],
  ['POST /api/auth/login', 'not JSON', 415, () => api().post('/api/auth/login').type('text/plain').send('hello')],
  [
    'POST /api/auth/refresh',
    'a rotated cookie',
    200,
    async () =>
      api()
        .post('/api/auth/refresh')
        .set(cookie((await freshSession()).refreshToken)),
  ],
  ['POST /api/auth/refresh', 'no Origin', 403, () => api().post('/api/auth/refresh').set('X-Requested-With', 'easel')],
  ['POST /api/auth/refresh', 'no cookie', 401, () => api().post('/api/auth/refresh').set(FROM_APP)],
  [
    'POST /api/auth/logout',
    'ended',
    204,
    async () =>
      api()
        .post('/api/auth/logout')
        .set(cookie((await freshSession()).refreshToken)),
  ],
  ['POST /api/auth/logout', 'no CSRF header', 403, () => api().post('/api/auth/logout').set('Origin', FROM_APP.Origin)],
  [
    'POST /api/auth/logout-all',
    'every session ended',
    204,
    async () =>
      api()
        .post('/api/auth/logout-all')
        .set(bearer(await freshSession())),
  ],
  ['POST /api/auth/logout-all', 'no token', 401, () => api().post('/api/auth/logout-all')],
  ['GET /api/auth/sessions', 'my sessions', 200, () => api().get('/api/auth/sessions').set(bearer(user))],
  [
    'GET /api/auth/sessions',
    'a forged token',
    401,
    () => api().get('/api/auth/sessions').set('Authorization', 'Bearer x.y.z'),
  ],
  [
    'DELETE /api/auth/sessions/{id}',
    'another session ended',
    204,
    async () => {
      const me = await freshSession();
      await api().post('/api/auth/login').send({ email: me.email, password: me.password });
      const sessions = await api().get('/api/auth/sessions').set(bearer(me));
      const other = (sessions.body as { items: Array<{ id: string; current: boolean }> }).items.find((s) => !s.current);
      return api()
        .delete(`/api/auth/sessions/${other?.id ?? 'none'}`)
        .set(bearer(me));
    },
  ],
  [
    'DELETE /api/auth/sessions/{id}',
    'no such session',
    404,
    () => api().delete(`/api/auth/sessions/${randomUUID()}`).set(bearer(user)),
  ],
  [
    'DELETE /api/auth/sessions/{id}',
    'not a uuid',
    422,
    () => api().delete('/api/auth/sessions/nope').set(bearer(user)),
  ],
  [
    'POST /api/auth/password/change',
    'changed',
    204,
    async () =>
      api()
        .post('/api/auth/password/change')
        .set(bearer(await freshSession()))
        .send({ currentPassword: STRONG_PASSWORD, newPassword: 'quiet-meadow-falcon-93' }),
  ],
  [
    'POST /api/auth/password/change',
    'a wrong current password',
    401,
    () =>
      api()
        .post('/api/auth/password/change')
        .set(bearer(user))
        .send({ currentPassword: 'not-my-password', newPassword: 'quiet-meadow-falcon-93' }),
  ],
  ['GET /api/users/me', 'my profile', 200, () => api().get('/api/users/me').set(bearer(user))],
  ['GET /api/users/me', 'no token', 401, () => api().get('/api/users/me')],
  [
    'PATCH /api/users/me',
    'renamed',
    200,
    () => api().patch('/api/users/me').set(bearer(user)).send({ name: 'Renamed' }),
  ],
  [
    'PATCH /api/users/me',
    'a field I may not set',
    422,
    () =>
      api()
        .patch('/api/users/me')
        .set(bearer(user))
        .send({ roles: ['admin'] }),
  ],
  ['GET /api/users', 'a page of users', 200, () => api().get('/api/users?limit=5').set(bearer(admin))],
  ['GET /api/users', 'not an admin', 403, () => api().get('/api/users').set(bearer(user))],
  ['GET /api/users/{id}', 'one user', 200, () => api().get(`/api/users/${user.userId}`).set(bearer(admin))],
  ['GET /api/users/{id}', 'no such user', 404, () => api().get(`/api/users/${randomUUID()}`).set(bearer(admin))],
  [
    'PATCH /api/users/{id}',
    'deactivated',
    200,
    async () =>
      api()
        .patch(`/api/users/${(await freshSession()).userId}`)
        .set(bearer(admin))
        .send({ isActive: false }),
  ],
  [
    'PATCH /api/users/{id}',
    'the last admin',
    409,
    () => api().patch(`/api/users/${admin.userId}`).set(bearer(admin)).send({ isActive: false }),
  ],
  [
    'DELETE /api/users/{id}',
    'deleted',
    204,
    async () =>
      api()
        .delete(`/api/users/${(await freshSession()).userId}`)
        .set(bearer(admin)),
  ],
  [
    'PUT /api/users/{id}/roles/{name}',
    'granted',
    204,
    () => api().put(`/api/users/${user.userId}/roles/user`).set(bearer(admin)),
  ],
  [
    'DELETE /api/users/{id}/roles/{name}',
    'revoked',
    204,
    async () =>
      api()
        .delete(`/api/users/${(await freshSession()).userId}/roles/user`)
        .set(bearer(admin)),
  ],
  [
    'DELETE /api/users/{id}/roles/{name}',
    'the last admin',
    409,
    () => api().delete(`/api/users/${admin.userId}/roles/admin`).set(bearer(admin)),
  ],
  ['GET /api/roles', 'the roles', 200, () => api().get('/api/roles').set(bearer(admin))],
  [
    'POST /api/roles',
    'created',
    201,
    () =>
      api()
        .post('/api/roles')
        .set(bearer(admin))
        .send({ name: `r-${Date.now()}`, description: 'x' }),
  ],
  ['POST /api/roles', 'exists', 409, () => api().post('/api/roles').set(bearer(admin)).send({ name: 'user' })],
  [
    'DELETE /api/roles/{name}',
    'deleted',
    204,
    async () => {
      const name = `d-${Date.now()}`;
      await api().post('/api/roles').set(bearer(admin)).send({ name });
      return api().delete(`/api/roles/${name}`).set(bearer(admin));
    },
  ],
  ['DELETE /api/roles/{name}', 'built in', 409, () => api().delete('/api/roles/admin').set(bearer(admin))],
  ['GET /api/drawings', 'my drawings', 200, () => api().get('/api/drawings').set(bearer(user))],
  ['GET /api/drawings', 'a bad cursor', 422, () => api().get('/api/drawings?cursor=nope').set(bearer(user))],
  [
    'POST /api/drawings',
    'created',
    201,
    () =>
      api()
        .post('/api/drawings')
        .set(bearer(user))
        .send({ title: 'Plan', shapes: [{ type: 'rect', id: 'r1', x: 1, y: 2, width: 3, height: 4 }] }),
  ],
  [
    'GET /api/drawings/{id}',
    'one drawing',
    200,
    async () =>
      api()
        .get(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user)),
  ],
  [
    'GET /api/drawings/{id}',
    'someone else’s',
    404,
    async () =>
      api()
        .get(`/api/drawings/${(await drawingOf(admin)).id}`)
        .set(bearer(user)),
  ],
  [
    'PUT /api/drawings/{id}',
    'saved',
    200,
    async () =>
      api()
        .put(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .send({ title: 'B', version: 1 }),
  ],
  [
    'PUT /api/drawings/{id}',
    'a stale version',
    409,
    async () =>
      api()
        .put(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .send({ title: 'B', version: 7 }),
  ],
  [
    'PUT /api/drawings/{id}',
    'no version',
    428,
    async () =>
      api()
        .put(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .send({ title: 'B' }),
  ],
  [
    'DELETE /api/drawings/{id}',
    'deleted',
    204,
    async () =>
      api()
        .delete(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user)),
  ],
  [
    'DELETE /api/drawings/{id}',
    'a stale If-Match',
    412,
    async () =>
      api()
        .delete(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .set('If-Match', '"9"'),
  ],
  [
    'POST /api/webhooks/{provider}',
    'stored',
    200,
    () => {
      const { body } = standardSigner.event('user.created', { id: 'u1' });
      return api()
        .post('/api/webhooks/standard')
        .set('Content-Type', 'application/json')
        .set(standardSigner.sign(body))
        .send(body);
    },
  ],
  [
    'POST /api/webhooks/{provider}',
    'a bad signature',
    401,
    () => {
      const { body } = standardSigner.event('user.created', { id: 'u2' });
      return api()
        .post('/api/webhooks/standard')
        .set('Content-Type', 'application/json')
        .set({ ...standardSigner.sign(body), 'webhook-signature': 'v1,AAAA' })
        .send(body);
    },
  ],
  [
    'POST /api/webhooks/{provider}',
    'no such provider',
    404,
    () => api().post('/api/webhooks/nobody').set('Content-Type', 'application/json').send('{}'),
  ],
  ['GET /api/webhooks/events', 'the inbox', 200, () => api().get('/api/webhooks/events').set(bearer(admin))],
  ['GET /api/webhooks/events', 'not an admin', 403, () => api().get('/api/webhooks/events').set(bearer(user))],
  [
    'POST /api/webhooks/events/{id}/retry',
    'retried',
    200,
    async () =>
      api()
        .post(`/api/webhooks/events/${await webhookEventId('failed')}/retry`)
        .set(bearer(admin)),
  ],
  [
    'POST /api/webhooks/events/{id}/retry',
    'not failed',
    409,
    async () =>
      api()
        .post(`/api/webhooks/events/${await webhookEventId()}/retry`)
        .set(bearer(admin)),
  ],
  [
    'POST /api/webhooks/events/{id}/retry',
    'no such event',
    404,
    () => api().post(`/api/webhooks/events/${randomUUID()}/retry`).set(bearer(admin)),
  ],
  ['GET /api/auth/oidc/providers', 'the providers', 200, () => api().get('/api/auth/oidc/providers')],
  [
    'GET /api/auth/oidc/identities',
    'my linked identities',
    200,
    () => api().get('/api/auth/oidc/identities').set(bearer(user)),
  ],
  ['GET /api/auth/mfa', 'my second factors', 200, () => api().get('/api/auth/mfa').set(bearer(user))],
  [
    'POST /api/auth/mfa/totp',
    'an enrolment started',
    200,
    async () =>
      api()
        .post('/api/auth/mfa/totp')
        .set(bearer(await freshSession())),
  ],
  [
    'POST /api/auth/password/forgot',
    'accepted',
    202,
    () => api().post('/api/auth/password/forgot').send({ email: uniqueEmail() }),
  ],
  [
    'POST /api/auth/email/resend',
    'accepted',
    202,
    () => api().post('/api/auth/email/resend').send({ email: uniqueEmail() }),
  ],
  [
    'PATCH /api/drawings/{id}',
    'shapes changed',
    200,
    async () =>
      api()
        .patch(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .send({ version: 1, added: [{ type: 'rect', id: 'p1', x: 1, y: 2, width: 3, height: 4 }] }),
  ],
  [
    'PATCH /api/drawings/{id}',
    'no version',
    428,
    async () =>
      api()
        .patch(`/api/drawings/${(await drawingOf(user)).id}`)
        .set(bearer(user))
        .send({ title: 'B' }),
  ],
  [
    'GET /api/users/{id}/mfa',
    'a user’s factors',
    200,
    () => api().get(`/api/users/${user.userId}/mfa`).set(bearer(admin)),
  ],
  [
    'GET /api/users/{id}/mfa',
    'no such user',
    404,
    () => api().get(`/api/users/${randomUUID()}/mfa`).set(bearer(admin)),
  ],
  [
    'DELETE /api/users/{id}/mfa',
    'reset',
    200,
    async () =>
      api()
        .delete(`/api/users/${(await freshSession()).userId}/mfa`)
        .set(bearer(admin)),
  ],
  [
    'POST /api/service-clients',
    'created',
    201,
    () =>
      api()
        .post('/api/service-clients')
        .set(bearer(admin))
        .send({ name: 'billing', scopes: ['users:read'] }),
  ],
  [
    'POST /api/service-clients',
    'an unknown scope',
    422,
    () =>
      api()
        .post('/api/service-clients')
        .set(bearer(admin))
        .send({ name: 'billing', scopes: ['users:write'] }),
  ],
  ['GET /api/service-clients', 'the clients', 200, () => api().get('/api/service-clients').set(bearer(admin))],
  ['GET /api/service-clients', 'not an admin', 403, () => api().get('/api/service-clients').set(bearer(user))],
  [
    'DELETE /api/service-clients/{id}',
    'revoked',
    204,
    async () =>
      api()
        .delete(`/api/service-clients/${(await createClient(t, admin, ['users:read'])).id}`)
        .set(bearer(admin)),
  ],
  [
    'POST /api/audit-events',
    'written',
    201,
    async () => {
      const client = await createClient(t, admin, ['audit:write'], 'writer');
      const body = JSON.stringify({ type: 'invoice.paid', userId: user.userId, data: { amount: 42 } });
      return signed(t, client, 'POST', '/api/audit-events', body);
    },
  ],
  [
    'POST /api/auth/mfa/totp/confirm',
    'the app confirmed',
    200,
    async () => {
      const me = await freshSession();
      const started = await api().post('/api/auth/mfa/totp').set(bearer(me));
      return api()
        .post('/api/auth/mfa/totp/confirm')
        .set(bearer(me))
        .send({ code: await totpAt(t, (started.body as { secret: string }).secret) });
    },
  ],
  [
    'POST /api/auth/mfa/verify',
    'signed in with a recovery code',
    200,
    async () => {
      const me = await withTotp();
      const login = await api().post('/api/auth/login').send({ email: me.email, password: me.password });
      return api()
        .post('/api/auth/mfa/verify')
        .send({
          challengeToken: (login.body as { challengeToken: string }).challengeToken,
          recoveryCode: me.recoveryCodes[0],
        });
    },
  ],
  [
    'POST /api/auth/mfa/step-up',
    'stepped up',
    200,
    async () => {
      const me = await withTotp();
      return api().post('/api/auth/mfa/step-up').set(bearer(me)).send({ recoveryCode: me.recoveryCodes[0] });
    },
  ],
  [
    'DELETE /api/auth/mfa/totp',
    'the app removed',
    204,
    async () =>
      api()
        .delete('/api/auth/mfa/totp')
        .set(bearer(await withTotp())),
  ],
  [
    'POST /api/auth/mfa/recovery-codes',
    'new codes',
    200,
    async () =>
      api()
        .post('/api/auth/mfa/recovery-codes')
        .set(bearer(await withTotp())),
  ],
  [
    'POST /api/auth/passkeys/options',
    'registration options',
    200,
    async () =>
      api()
        .post('/api/auth/passkeys/options')
        .set(bearer(await freshSession())),
  ],
  [
    'POST /api/auth/passkeys/sign-in/options',
    'sign-in options',
    200,
    () => api().post('/api/auth/passkeys/sign-in/options'),
  ],
  [
    'POST /api/auth/password/reset',
    'a new password',
    204,
    async () => {
      const me = await freshSession();
      await api().post('/api/auth/password/forgot').send({ email: me.email });
      const token = await mailedToken(me.email, '/reset-password');
      return api().post('/api/auth/password/reset').send({ token, newPassword: 'copper-meadow-whistle-77' });
    },
  ],
  [
    'POST /api/auth/email/verify',
    'verified',
    200,
    async () => {
      const me = await freshSession();
      const token = await mailedToken(me.email, '/verify-email');
      return api().post('/api/auth/email/verify').send({ token });
    },
  ],
  [
    'POST /api/auth/email/verify',
    'a made-up link',
    400,
    () =>
      api()
        .post('/api/auth/email/verify')
        .send({ token: 'A'.repeat(43) }),
  ],
  [
    'POST /api/auth/mfa/step-up/passkey-options',
    'step-up options',
    200,
    async () => {
      const me = await freshSession();
      await passkeyOf(me);
      return api().post('/api/auth/mfa/step-up/passkey-options').set(bearer(me));
    },
  ],
  [
    'POST /api/auth/mfa/passkey-options',
    'options for the sign-in challenge',
    200,
    async () => {
      const me = await freshSession();
      await passkeyOf(me);
      const login = await api().post('/api/auth/login').send({ email: me.email, password: me.password });
      return api()
        .post('/api/auth/mfa/passkey-options')
        .send({ challengeToken: (login.body as { challengeToken: string }).challengeToken });
    },
  ],
  [
    'PATCH /api/auth/passkeys/{id}',
    'renamed',
    200,
    async () => {
      const me = await withTotp();
      const passkey = await passkeyOf(me);
      return api().patch(`/api/auth/passkeys/${passkey.id}`).set(bearer(me)).send({ name: 'Phone' });
    },
  ],
  [
    'PATCH /api/auth/passkeys/{id}',
    'no such passkey',
    404,
    async () =>
      api()
        .patch(`/api/auth/passkeys/${randomUUID()}`)
        .set(bearer(await withTotp()))
        .send({ name: 'Phone' }),
  ],
  [
    'DELETE /api/auth/passkeys/{id}',
    'removed',
    204,
    async () => {
      const me = await withTotp();
      const passkey = await passkeyOf(me);
      return api().delete(`/api/auth/passkeys/${passkey.id}`).set(bearer(me));
    },
  ],
  ['GET /api/auth/oidc/{provider}/start', 'to the provider', 302, () => api().get('/api/auth/oidc/test/start')],
  [
    'GET /api/auth/oidc/{provider}/callback',
    'signed in, back to the app',
    303,
    async () => {
      newProviderAccount();
      const started = await api().get('/api/auth/oidc/test/start');
      return oidcCallback(started, started.headers.location as string);
    },
  ],
  [
    'POST /api/auth/oidc/{provider}/link',
    'where to link',
    200,
    async () =>
      api()
        .post('/api/auth/oidc/test/link')
        .set(bearer(await freshSession()))
        .send({}),
  ],
  [
    'DELETE /api/auth/oidc/identities/{id}',
    'unlinked',
    204,
    async () => {
      const me = await freshSession();
      newProviderAccount();
      const started = await api().post('/api/auth/oidc/test/link').set(bearer(me)).send({});
      await oidcCallback(started, (started.body as { url: string }).url);
      const list = await api().get('/api/auth/oidc/identities').set(bearer(me));
      const id = (list.body as { items: Array<{ id: string }> }).items[0]?.id ?? randomUUID();
      return api().delete(`/api/auth/oidc/identities/${id}`).set(bearer(me));
    },
  ],
  ['POST /api/auth/passkeys', 'registered', 201, async () => (await withPasskey()).registered],
  [
    'POST /api/auth/passkeys/sign-in',
    'signed in with a passkey',
    200,
    async () => {
      const { authenticator } = await withPasskey();
      const ceremony = (await api().post('/api/auth/passkeys/sign-in/options')).body as Ceremony;
      return api()
        .post('/api/auth/passkeys/sign-in')
        .send({ challengeToken: ceremony.challengeToken, passkey: authenticator.assert(ceremony.options) });
    },
  ],
];

function answerOf(res: request.Response): Answer {
  return { status: res.status, type: res.type, text: res.text, body: res.body };
}

describe('real answers match the OpenAPI document', () => {
  it.each(cases)('%s: %s (%i)', async (operation, _what, status, send) => {
    const res = await send();
    expect(res.status, res.text).toBe(status);
    expect(check(operation, answerOf(res))).toEqual([]);
  });

  it('covers the success of every operation', async () => {
    const spec = (await request(t.app).get('/api/openapi.json')).body as OpenApiDocument;
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const succeeded = new Set(cases.filter(([, , status]) => status < 400).map(([operation]) => operation));
    expect(operations.filter((operation) => !succeeded.has(operation))).toEqual([]);
  });
});
