import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../scripts/sign-request.ts';
import { loadKeySet } from '../identity/keys.ts';
import { issueAccessToken } from '../identity/tokens.ts';
import { buildTestApp, loginAs, type LoggedIn } from '../../test/helpers.ts';
import { createClient, signed, type TestClient } from '../../test/service-clients.ts';

const t = await buildTestApp();
let admin: LoggedIn;
let user: LoggedIn;
let reader: TestClient;
let writer: TestClient;
beforeAll(async () => {
  admin = await loginAs(t, { roles: ['admin'] });
  user = await loginAs(t);
  reader = await createClient(t, admin, ['users:read'], 'reader');
  writer = await createClient(t, admin, ['audit:write'], 'writer');
});

const event = (type = 'invoice.paid') => JSON.stringify({ type, userId: user.userId, data: { amount: 42 } });
const refusal = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];

describe('a correctly signed request', () => {
  it('reads a user by id with the scope users:read', async () => {
    const res = await signed(t, reader, 'GET', `/api/users/${user.userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.userId, email: user.email });
  });

  it('writes an audit event with the scope audit:write, as service.<type> with the client as actor', async () => {
    const res = await signed(t, writer, 'POST', '/api/audit-events', event());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), type: 'service.invoice.paid', createdAt: expect.any(String) });
    const row = await t.db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(res.body.id) } });
    expect(row).toMatchObject({ userId: user.userId, actorId: writer.id, data: { clientId: writer.id, amount: 42 } });
  });

  it('signs the query sorted, whatever order it is sent in', async () => {
    const path = `/api/users/${user.userId}`;
    const res = await signed(t, reader, 'GET', `${path}?a=0&a=1&b=2`, undefined, { sendTarget: `${path}?b=2&a=1&a=0` });
    expect(res.status).toBe(200);
  });

  it('verifies the exact bytes: the same JSON with other whitespace matches only its own signature', async () => {
    const compact = event('whitespace.compact');
    const pretty = JSON.stringify(JSON.parse(compact), null, 2);
    expect((await signed(t, writer, 'POST', '/api/audit-events', pretty)).status).toBe(201);
    const swapped = await signed(t, writer, 'POST', '/api/audit-events', compact, { sendBody: pretty });
    expect(refusal(swapped)).toEqual([401, 'signature_mismatch']);
    const reversed = await signed(t, writer, 'POST', '/api/audit-events', pretty, { sendBody: compact });
    expect(refusal(reversed)).toEqual([401, 'signature_mismatch']);
  });
});

describe('refusals, each with its own code', () => {
  const target = () => `/api/users/${user.userId}`;

  it('a tampered body: signature_mismatch', async () => {
    const res = await signed(t, writer, 'POST', '/api/audit-events', event(), { sendBody: event('forged') });
    expect(refusal(res)).toEqual([401, 'signature_mismatch']);
    expect(res.headers['www-authenticate']).toBe('EaselHMAC realm="easel"');
  });

  it('a tampered path: signature_mismatch', async () => {
    const res = await signed(t, reader, 'GET', target(), undefined, { sendTarget: `/api/users/${admin.userId}` });
    expect(refusal(res)).toEqual([401, 'signature_mismatch']);
  });

  it('a tampered query: signature_mismatch', async () => {
    const res = await signed(t, reader, 'GET', `${target()}?a=1`, undefined, { sendTarget: `${target()}?a=2` });
    expect(refusal(res)).toEqual([401, 'signature_mismatch']);
  });

  it('another method: signature_mismatch', async () => {
    const { authorization } = signRequest({ ...reader, clientId: reader.id, method: 'GET', target: target() });
    const res = await request(t.app).delete(target()).set('Authorization', authorization);
    expect(refusal(res)).toEqual([401, 'signature_mismatch']);
  });

  it('the wrong secret: signature_mismatch', async () => {
    const res = await signed(
      t,
      { id: reader.id, secret: `esk_${randomBytes(32).toString('base64url')}` },
      'GET',
      target(),
    );
    expect(refusal(res)).toEqual([401, 'signature_mismatch']);
  });

  it('an unknown client: unknown_client', async () => {
    const res = await signed(t, { id: '00000000-0000-4000-8000-000000000000', secret: reader.secret }, 'GET', target());
    expect(refusal(res)).toEqual([401, 'unknown_client']);
  });

  it('a revoked client: client_revoked', async () => {
    const doomed = await createClient(t, admin, ['users:read'], 'doomed');
    await request(t.app).delete(`/api/service-clients/${doomed.id}`).set(admin.auth).expect(204);
    expect(refusal(await signed(t, doomed, 'GET', target()))).toEqual([401, 'client_revoked']);
  });

  it('a missing scope: insufficient_scope', async () => {
    expect(refusal(await signed(t, writer, 'GET', target()))).toEqual([403, 'insufficient_scope']);
    expect(refusal(await signed(t, reader, 'POST', '/api/audit-events', event()))).toEqual([403, 'insufficient_scope']);
  });

  it.each([
    ['stale', -301],
    ['future', 301],
  ])('a %s timestamp: timestamp_out_of_window', async (_case, offset) => {
    const timestamp = Math.floor(t.clock.now().getTime() / 1000) + offset;
    expect(refusal(await signed(t, reader, 'GET', target(), undefined, { timestamp }))).toEqual([
      401,
      'timestamp_out_of_window',
    ]);
  });

  it('accepts a timestamp just inside the window (300 s by default)', async () => {
    const timestamp = Math.floor(t.clock.now().getTime() / 1000) - 299;
    expect((await signed(t, reader, 'GET', target(), undefined, { timestamp })).status).toBe(200);
  });

  it('a replayed nonce: nonce_reused, even with a fresh signature', async () => {
    const nonce = randomBytes(16).toString('hex');
    expect((await signed(t, reader, 'GET', target(), undefined, { nonce })).status).toBe(200);
    expect(refusal(await signed(t, reader, 'GET', target(), undefined, { nonce }))).toEqual([401, 'nonce_reused']);
    t.clock.advance(1);
    expect(refusal(await signed(t, reader, 'GET', target(), undefined, { nonce }))).toEqual([401, 'nonce_reused']);
  });

  it('a forged request does not use up the real caller’s nonce', async () => {
    const nonce = randomBytes(16).toString('hex');
    const forged = await signed(t, { ...reader, secret: 'esk_wrong' }, 'GET', target(), undefined, { nonce });
    expect(refusal(forged)).toEqual([401, 'signature_mismatch']);
    expect((await signed(t, reader, 'GET', target(), undefined, { nonce })).status).toBe(200);
  });

  it.each([
    ['no signature', (h: string) => h.replace(/, signature=\w+/, '')],
    ['a short nonce', (h: string) => h.replace(/nonce=[\w-]+/, 'nonce=abc')],
    ['a client that is not a uuid', (h: string) => h.replace(/client=[\w-]+/, 'client=billing')],
    ['a field twice', (h: string) => `${h}, nonce=abcdefabcdefabcdef`],
  ])('a malformed header (%s): signature_malformed', async (_case, mangle) => {
    const { authorization } = signRequest({
      clientId: reader.id,
      secret: reader.secret,
      method: 'GET',
      target: target(),
    });
    const res = await request(t.app).get(target()).set('Authorization', mangle(authorization));
    expect(refusal(res)).toEqual([401, 'signature_malformed']);
  });
});

describe('service identities and the other guards', () => {
  it('are refused by admin-only routes and user-only routes', async () => {
    expect(refusal(await signed(t, reader, 'GET', '/api/users'))).toEqual([403, 'forbidden']);
    expect(refusal(await signed(t, reader, 'GET', '/api/drawings'))).toEqual([403, 'forbidden']);
    expect(refusal(await signed(t, reader, 'GET', '/api/users/me'))).toEqual([403, 'forbidden']);
    expect(refusal(await signed(t, reader, 'GET', '/api/auth/sessions'))).toEqual([403, 'forbidden']);
    expect(refusal(await signed(t, reader, 'POST', '/api/auth/logout-all'))).toEqual([403, 'forbidden']);
    expect(
      refusal(await signed(t, reader, 'POST', '/api/service-clients', '{"name":"x","scopes":["users:read"]}')),
    ).toEqual([403, 'forbidden']);
  });

  it('leave admins their bearer access to the same user read', async () => {
    expect((await request(t.app).get(`/api/users/${user.userId}`).set(admin.auth)).status).toBe(200);
    expect((await request(t.app).get(`/api/users/${admin.userId}`).set(user.auth)).status).toBe(403);
  });

  it('refuse an audit event about a user who does not exist', async () => {
    const body = JSON.stringify({ type: 'x', userId: '00000000-0000-4000-8000-000000000000' });
    expect(refusal(await signed(t, writer, 'POST', '/api/audit-events', body))).toEqual([404, 'not_found']);
  });

  it('validate the body after the signature: malformed JSON is 400, a bad field 422', async () => {
    expect(refusal(await signed(t, writer, 'POST', '/api/audit-events', '{"type":'))).toEqual([400, 'malformed_json']);
    expect(refusal(await signed(t, writer, 'POST', '/api/audit-events', '{"type":"Bad Type"}'))).toEqual([
      422,
      'validation_failed',
    ]);
  });

  it('share requireScope with service access tokens (JWT with a scope claim)', async () => {
    const keys = loadKeySet(t.config.auth, { production: false });
    const bearer = (scope: string) =>
      `Bearer ${issueAccessToken(keys, { userId: writer.id, roles: [], scope }, t.config.auth, t.clock.now()).token}`;
    const post = (scope: string) =>
      request(t.app).post('/api/audit-events').set('Authorization', bearer(scope)).send({ type: 'jwt.checked' });
    expect((await post('audit:write')).status).toBe(201);
    expect(refusal(await post('users:read'))).toEqual([403, 'insufficient_scope']);
  });
});
