import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeLogger } from '../logger.ts';
import { buildTestApp, loginAs, STRONG_PASSWORD, uniqueEmail, type LoggedIn } from '../../test/helpers.ts';
import { enrolTotp, refreshAccess, stepUpWithTotp } from '../../test/mfa.ts';
import { signed } from '../../test/service-clients.ts';

const t = await buildTestApp({ env: { LOG_LEVEL: 'debug' } });
let admin: LoggedIn;
let user: LoggedIn;
beforeAll(async () => {
  admin = await loginAs(t, { roles: ['admin'] });
  user = await loginAs(t);
});

const create = (body: object, auth = admin.auth) => request(t.app).post('/api/service-clients').set(auth).send(body);

describe('POST /api/service-clients', () => {
  it('creates a client and shows its secret once: 256 random bits, never stored in the clear', async () => {
    const res = await create({ name: '  billing  ', scopes: ['users:read', 'audit:write'] });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'billing',
      scopes: ['users:read', 'audit:write'],
      createdAt: expect.any(String),
      createdBy: admin.userId,
      revokedAt: null,
      secret: expect.stringMatching(/^esk_[\w-]{43}$/),
    });
    expect(Buffer.from(res.body.secret.slice(4), 'base64url')).toHaveLength(32);
    const row = await t.db.serviceClient.findUniqueOrThrow({ where: { id: res.body.id } });
    const stored = JSON.stringify(row, (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(stored).not.toContain(res.body.secret);
    expect(stored).not.toContain(res.body.secret.slice(4));
    expect(row.secretSealed!.length).toBe(12 + 16 + res.body.secret.length);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { type: 'service_client.created' } });
    expect(audit).toMatchObject({ actorId: admin.userId, data: { clientId: res.body.id, name: 'billing' } });
    expect(JSON.stringify(audit.data)).not.toContain(res.body.secret);
  });

  it('gives every client its own secret', async () => {
    const a = await create({ name: 'a', scopes: ['users:read'] });
    const b = await create({ name: 'b', scopes: ['users:read'] });
    expect(a.body.secret).not.toBe(b.body.secret);
  });

  it.each([
    ['an unknown scope', { name: 'x', scopes: ['users:write'] }],
    ['no scope', { name: 'x', scopes: [] }],
    ['a scope twice', { name: 'x', scopes: ['users:read', 'users:read'] }],
    ['a blank name', { name: '  ', scopes: ['users:read'] }],
    ['an extra field', { name: 'x', scopes: ['users:read'], secret: 'mine' }],
  ])('refuses %s with 422', async (_case, body) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
  });

  it('is for admins only', async () => {
    expect((await create({ name: 'x', scopes: ['users:read'] }, user.auth)).status).toBe(403);
    expect(
      (
        await request(t.app)
          .post('/api/service-clients')
          .send({ name: 'x', scopes: ['users:read'] })
      ).status,
    ).toBe(401);
  });
});

describe('POST /api/service-clients in production without SERVICE_CLIENT_KEYS', () => {
  it('answers 503 not_ready before reading the request, and stores nothing', async () => {
    const production = await buildTestApp({
      env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com', SERVICE_CLIENT_KEYS: undefined },
    });
    // Not loginAs: production names its refresh cookie differently; the access token is enough here.
    const email = uniqueEmail('admin');
    const registered = await request(production.app)
      .post('/api/auth/register')
      .send({ email, password: STRONG_PASSWORD });
    await production.db.userRole.create({ data: { userId: registered.body.user.id, roleName: 'admin' } });
    const login = await request(production.app).post('/api/auth/login').send({ email, password: STRONG_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const post = (body: object) => request(production.app).post('/api/service-clients').set(auth).send(body);
    for (const body of [
      { name: 'billing', scopes: ['users:read'] },
      { name: ' ', scopes: [] },
    ]) {
      const res = await post(body);
      expect([res.status, res.body.code]).toEqual([503, 'not_ready']);
      expect(res.body.detail).toMatch(/SERVICE_CLIENT_KEYS/);
    }
    expect(await production.db.serviceClient.count()).toBe(0);
    const listed = await request(production.app).get('/api/service-clients').set(auth);
    expect([listed.status, listed.body.items]).toEqual([200, []]);
  });
});

describe('GET /api/service-clients', () => {
  it('lists clients newest first, page by page, without any secret', async () => {
    const secrets = [];
    for (const name of ['p1', 'p2', 'p3']) {
      secrets.push((await create({ name, scopes: ['audit:write'] })).body.secret as string);
      t.clock.advance(1);
    }
    const first = await request(t.app).get('/api/service-clients?limit=2').set(admin.auth);
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['p3', 'p2']);
    expect(Object.keys(first.body.items[0]).sort()).toEqual(
      ['createdAt', 'createdBy', 'id', 'name', 'revokedAt', 'scopes'].sort(),
    );
    const second = await request(t.app)
      .get(`/api/service-clients?limit=2&cursor=${first.body.nextCursor}`)
      .set(admin.auth);
    expect(second.body.items[0].name).toBe('p1');
    for (const secret of secrets) {
      expect(first.text + second.text).not.toContain(secret);
      expect(first.text + second.text).not.toContain(secret.slice(4));
    }
  });

  it('is for admins only', async () => {
    expect((await request(t.app).get('/api/service-clients').set(user.auth)).status).toBe(403);
  });
});

describe('DELETE /api/service-clients/:id', () => {
  it('revokes at once, erases the sealed secret, audits once, and answers 204 again', async () => {
    const created = await create({ name: 'gone', scopes: ['users:read'] });
    const client = { id: created.body.id as string, secret: created.body.secret as string };
    expect((await signed(t, client, 'GET', `/api/users/${user.userId}`)).status).toBe(200);
    const res = await request(t.app).delete(`/api/service-clients/${client.id}`).set(admin.auth);
    expect(res.status).toBe(204);
    const row = await t.db.serviceClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row).toMatchObject({ secretSealed: null, secretKeyId: null, revokedAt: expect.any(Date) });
    const refused = await signed(t, client, 'GET', `/api/users/${user.userId}`);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('client_revoked');
    expect((await request(t.app).delete(`/api/service-clients/${client.id}`).set(admin.auth)).status).toBe(204);
    const audits = await t.db.auditEvent.findMany({ where: { type: 'service_client.revoked' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.userId, data: { clientId: client.id } });
    const listed = await request(t.app).get('/api/service-clients?limit=100').set(admin.auth);
    expect(listed.body.items.find((c: { id: string }) => c.id === client.id).revokedAt).toEqual(expect.any(String));
  });

  it('answers 404 for an unknown client and 403 to non-admins', async () => {
    const unknown = await request(t.app)
      .delete('/api/service-clients/00000000-0000-4000-8000-000000000000')
      .set(admin.auth);
    expect(unknown.status).toBe(404);
    const created = await create({ name: 'kept', scopes: ['users:read'] });
    expect((await request(t.app).delete(`/api/service-clients/${created.body.id}`).set(user.auth)).status).toBe(403);
  });
});

describe('a recent second factor', () => {
  it('is asked of an admin who has one before a client is created or revoked, and nothing changes until then', async () => {
    // Its own app: the clock moves past the step-up window, which would expire the other tests' tokens.
    const s = await buildTestApp();
    const post = (auth: LoggedIn['auth']) => request(s.app).post('/api/service-clients').set(auth);
    const kept = await post((await loginAs(s, { roles: ['admin'] })).auth).send({
      name: 'kept',
      scopes: ['users:read'],
    });
    const mfaAdmin = await enrolTotp(s, { roles: ['admin'] });
    // Past the step-up window that enrolling opened in this session.
    s.clock.advance(601);
    await refreshAccess(s, mfaAdmin);
    const mint = () => post(mfaAdmin.auth).send({ name: 'minted', scopes: ['users:read'] });
    const revoke = () => request(s.app).delete(`/api/service-clients/${kept.body.id}`).set(mfaAdmin.auth);

    const refusedMint = await mint();
    expect([refusedMint.status, refusedMint.body.code]).toEqual([403, 'step_up_required']);
    expect(refusedMint.body.secret).toBeUndefined();
    const refusedRevoke = await revoke();
    expect([refusedRevoke.status, refusedRevoke.body.code]).toEqual([403, 'step_up_required']);
    expect(await s.db.serviceClient.count({ where: { name: 'minted' } })).toBe(0);
    expect((await s.db.serviceClient.findUniqueOrThrow({ where: { id: kept.body.id } })).revokedAt).toBeNull();

    await stepUpWithTotp(s, mfaAdmin);
    expect((await mint()).status).toBe(201);
    expect((await revoke()).status).toBe(204);
  });
});

describe('logs', () => {
  it('never hold a secret, neither at creation nor when it signs', async () => {
    const created = await create({ name: 'logged', scopes: ['users:read'] });
    const client = { id: created.body.id as string, secret: created.body.secret as string };
    await signed(t, client, 'GET', `/api/users/${user.userId}`);
    await signed(t, { ...client, secret: `${client.secret}x` }, 'GET', `/api/users/${user.userId}`);
    await closeLogger(t.logger);
    const files = await readdir(t.logDir, { recursive: true });
    const text = (
      await Promise.all(
        files.filter((f) => !f.endsWith('.gz')).map((f) => readFile(join(t.logDir, f), 'utf8').catch(() => '')),
      )
    ).join('\n');
    expect(text).toContain('/api/service-clients');
    expect(text).not.toContain(client.secret.slice(4));
  });
});
