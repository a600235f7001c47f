import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FROM_APP, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t, { roles: ['admin'] });
});

const api = () => request(t.app);

describe('roles', () => {
  it('lists the built-in roles', async () => {
    const res = await api().get('/api/roles').set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'admin', builtIn: true }),
        expect.objectContaining({ name: 'user', builtIn: true }),
      ]),
    );
  });

  it('creates a role (201), refuses a duplicate (409) and a bad name (422)', async () => {
    const res = await api().post('/api/roles').set(admin.auth).send({ name: 'editor', description: 'Edits things' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/roles/editor');
    expect(res.body).toMatchObject({ name: 'editor', description: 'Edits things', builtIn: false });
    expect((await api().post('/api/roles').set(admin.auth).send({ name: 'editor' })).body.code).toBe('role_exists');
    for (const name of ['Editor', 'a', 'x'.repeat(40), 'has space', '../admin', '1abc']) {
      expect((await api().post('/api/roles').set(admin.auth).send({ name })).status).toBe(422);
    }
    expect((await api().post('/api/roles').set(admin.auth).send({ name: 'ok-role', builtIn: true })).status).toBe(422);
    expect(await t.db.auditEvent.count({ where: { type: 'role.created', actorId: admin.userId } })).toBe(1);
  });

  it('refuses to delete a built-in role and deletes a custom one', async () => {
    const builtIn = await api().delete('/api/roles/user').set(admin.auth);
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.code).toBe('built_in_role');
    await api().post('/api/roles').set(admin.auth).send({ name: 'temp' });
    expect((await api().delete('/api/roles/temp').set(admin.auth)).status).toBe(204);
    expect((await api().delete('/api/roles/temp').set(admin.auth)).status).toBe(404);
  });

  it('grants and removes a role; removal logs the user out everywhere at once; both are audited', async () => {
    await api().post('/api/roles').set(admin.auth).send({ name: 'reviewer' });
    const user = await loginAs(t);
    expect((await api().put(`/api/users/${user.userId}/roles/reviewer`).set(admin.auth)).status).toBe(204);
    expect((await api().put(`/api/users/${user.userId}/roles/reviewer`).set(admin.auth)).status).toBe(204);
    const me = await api().get('/api/users/me').set(user.auth);
    expect(me.body.roles).toEqual(['reviewer', 'user']);

    expect((await api().delete(`/api/users/${user.userId}/roles/reviewer`).set(admin.auth)).status).toBe(204);
    expect((await api().get('/api/users/me').set(user.auth)).status).toBe(401);
    const refresh = await api()
      .post('/api/auth/refresh')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${user.refreshToken}`);
    expect(refresh.status).toBe(401);
    const events = await t.db.auditEvent.findMany({
      where: { userId: user.userId, type: { in: ['role.granted', 'role.revoked'] } },
    });
    expect(events.map((e) => e.type).sort()).toEqual(['role.granted', 'role.revoked']);
  });

  it('answers 404 for an unknown user or role', async () => {
    const user = await loginAs(t);
    expect((await api().put(`/api/users/${user.userId}/roles/nope`).set(admin.auth)).status).toBe(404);
    expect((await api().put('/api/users/00000000-0000-4000-8000-000000000000/roles/user').set(admin.auth)).status).toBe(
      404,
    );
  });
});

describe('the last active admin', () => {
  let solo: TestApp;
  let only: LoggedIn;
  beforeAll(async () => {
    solo = await buildTestApp();
    only = await loginAs(solo, { roles: ['admin'] });
  });

  it('can be neither demoted, deactivated nor deleted', async () => {
    const demote = await request(solo.app).delete(`/api/users/${only.userId}/roles/admin`).set(only.auth);
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    expect(
      (await request(solo.app).patch(`/api/users/${only.userId}`).set(only.auth).send({ isActive: false })).status,
    ).toBe(409);
    expect((await request(solo.app).delete(`/api/users/${only.userId}`).set(only.auth)).status).toBe(409);
    const row = await solo.db.user.findUniqueOrThrow({ where: { id: only.userId }, include: { roles: true } });
    expect(row.isActive).toBe(true);
    expect(row.roles.map((r) => r.roleName)).toContain('admin');
  });

  it('holds when two admins demote each other at the same moment', async () => {
    const second = await loginAs(solo, { roles: ['admin'] });
    const [a, b] = await Promise.all([
      request(solo.app).delete(`/api/users/${second.userId}/roles/admin`).set(only.auth),
      request(solo.app).delete(`/api/users/${only.userId}/roles/admin`).set(second.auth),
    ]);
    // The loser either waited on the lock and met the rule (409), or was no longer an admin (403).
    const statuses = [a.status, b.status];
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.find((s) => s !== 204)).toBeOneOf([403, 409]);
    const admins = await solo.db.user.count({ where: { isActive: true, roles: { some: { roleName: 'admin' } } } });
    expect(admins).toBe(1);
  });
});
