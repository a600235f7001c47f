import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FROM_APP, loginAs, uniqueEmail, type LoggedIn, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t, { roles: ['admin'] });
});

const api = () => request(t.app);

describe('admin routes refuse non-admins', () => {
  const routes: Array<[string, string]> = [
    ['get', '/api/users'],
    ['get', '/api/users/00000000-0000-4000-8000-000000000000'],
    ['patch', '/api/users/00000000-0000-4000-8000-000000000000'],
    ['delete', '/api/users/00000000-0000-4000-8000-000000000000'],
    ['get', '/api/roles'],
    ['post', '/api/roles'],
    ['delete', '/api/roles/editor'],
    ['put', '/api/users/00000000-0000-4000-8000-000000000000/roles/admin'],
    ['delete', '/api/users/00000000-0000-4000-8000-000000000000/roles/admin'],
  ];

  it.each(routes)('%s %s answers 401 to an anonymous caller', async (method, path) => {
    const res = await (api() as unknown as Record<string, (p: string) => request.Test>)[method]!(path).send({});
    expect(res.status).toBe(401);
  });

  it.each(routes)('%s %s answers 403 to a plain user', async (method, path) => {
    const user = await loginAs(t);
    const res = await (api() as unknown as Record<string, (p: string) => request.Test>)[method]!(path)
      .set(user.auth)
      .send({});
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('re-checks roles in the database: a token still claiming admin after demotion is refused', async () => {
    const other = await loginAs(t, { roles: ['admin'] });
    await t.db.userRole.delete({ where: { userId_roleName: { userId: other.userId, roleName: 'admin' } } });
    expect((await api().get('/api/users').set(other.auth)).status).toBe(403);
  });
});

describe('GET /api/users', () => {
  it('walks 250 users page by page without gaps or repeats, newest first', async () => {
    const marker = `walk${Date.now()}`;
    const base = t.clock.now().getTime();
    await t.db.user.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({
        email: `${marker}-${String(i).padStart(3, '0')}@example.com`,
        passwordHash: 'x',
        // Ties on purpose: ten users share each timestamp.
        createdAt: new Date(base - Math.floor(i / 10) * 1000),
      })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await api()
        .get('/api/users')
        .query({ email: marker, limit: 40, ...(cursor ? { cursor } : {}) })
        .set(admin.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((u: { email: string }) => u.email));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const rows = await t.db.user.findMany({
      where: { email: { startsWith: marker } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    expect(seen).toEqual(rows.map((r) => r.email));
  });

  it('filters by role and active flag, and never shows password hashes', async () => {
    const target = await loginAs(t, { roles: ['admin'] });
    const admins = await api().get('/api/users').query({ role: 'admin', limit: 100 }).set(admin.auth);
    expect(admins.body.items.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([admin.userId, target.userId]),
    );
    expect(admins.body.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
    expect(admins.text).not.toMatch(/passwordHash|\$argon2/);
    await t.db.user.update({ where: { id: target.userId }, data: { isActive: false } });
    const inactive = await api().get('/api/users').query({ active: 'false', limit: 100 }).set(admin.auth);
    const inactiveIds = inactive.body.items.map((u: { id: string }) => u.id);
    expect(inactiveIds).toContain(target.userId);
    expect(inactiveIds).not.toContain(admin.userId);
    expect(inactive.body.items.every((u: { isActive: boolean }) => !u.isActive)).toBe(true);
  });

  it('matches "_" and "%" in the email prefix literally', async () => {
    const stamp = Date.now().toString(36);
    await t.db.user.createMany({
      data: [`w_${stamp}@example.com`, `wx${stamp}@example.com`, `w%${stamp}@example.com`].map((email) => ({
        email,
        passwordHash: 'x',
      })),
    });
    const emails = async (prefix: string) =>
      (await api().get('/api/users').query({ email: prefix }).set(admin.auth)).body.items.map(
        (u: { email: string }) => u.email,
      );
    expect(await emails(`w_${stamp}`)).toEqual([`w_${stamp}@example.com`]);
    expect(await emails(`w%${stamp}`)).toEqual([`w%${stamp}@example.com`]);
  });

  it('answers 422 for a bad cursor, limit or unknown filter', async () => {
    for (const query of [{ cursor: 'nonsense' }, { limit: 0 }, { limit: 101 }, { sort: 'email' }]) {
      expect((await api().get('/api/users').query(query).set(admin.auth)).status).toBe(422);
    }
  });
});

describe('PATCH /api/users/:id', () => {
  it('deactivates a user: their existing access token is refused on the next request, their sessions end', async () => {
    const user = await loginAs(t);
    expect((await api().get('/api/users/me').set(user.auth)).status).toBe(200);
    const res = await api().patch(`/api/users/${user.userId}`).set(admin.auth).send({ isActive: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.userId, isActive: false });
    const me = await api().get('/api/users/me').set(user.auth);
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('invalid_token');
    const refresh = await api()
      .post('/api/auth/refresh')
      .set(FROM_APP)
      .set('Cookie', `easel_refresh=${user.refreshToken}`);
    expect(refresh.status).toBe(401);
    expect(
      await t.db.auditEvent.count({ where: { type: 'user.deactivated', userId: user.userId, actorId: admin.userId } }),
    ).toBe(1);
  });

  it('refuses anything but isActive (mass assignment)', async () => {
    const user = await loginAs(t);
    const res = await api()
      .patch(`/api/users/${user.userId}`)
      .set(admin.auth)
      .send({ isActive: true, email: 'x@example.com' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await api().get('/api/users/00000000-0000-4000-8000-000000000000').set(admin.auth)).status).toBe(404);
    expect((await api().get('/api/users/42').set(admin.auth)).status).toBe(422);
  });
});

describe('PATCH /api/users/me', () => {
  it('changes the display name', async () => {
    const user = await loginAs(t);
    const res = await api().patch('/api/users/me').set(user.auth).send({ name: '  Grace Hopper ' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Grace Hopper');
  });

  it('changes the email only with the current password, and marks it unverified', async () => {
    const user = await loginAs(t);
    await t.db.user.update({ where: { id: user.userId }, data: { emailVerified: true } });
    const email = uniqueEmail('moved');
    const withoutPassword = await api().patch('/api/users/me').set(user.auth).send({ email });
    expect(withoutPassword.status).toBe(422);
    expect(withoutPassword.body.errors).toEqual([
      expect.objectContaining({ path: 'currentPassword', message: 'changing the email needs currentPassword' }),
    ]);
    const wrongPassword = await api()
      .patch('/api/users/me')
      .set(user.auth)
      .send({ email, currentPassword: 'wrong-one' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBe('invalid_credentials');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
    const res = await api()
      .patch('/api/users/me')
      .set(user.auth)
      .send({ email: email.toUpperCase(), currentPassword: user.password });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email, emailVerified: false });
  });

  it('answers 409 when the new email belongs to someone else', async () => {
    const a = await loginAs(t);
    const b = await loginAs(t);
    const res = await api().patch('/api/users/me').set(a.auth).send({ email: b.email, currentPassword: a.password });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
  });

  it.each([{ roles: ['admin'] }, { isActive: true }, { emailVerified: true }, { passwordHash: 'x' }, { id: 'x' }])(
    'refuses %o (mass assignment) and changes nothing',
    async (body) => {
      const user = await loginAs(t);
      const res = await api()
        .patch('/api/users/me')
        .set(user.auth)
        .send({ name: 'changed', ...body });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          code: 'unrecognized_keys',
          message: expect.stringContaining(Object.keys(body).join()),
        }),
      ]);
      const row = await t.db.user.findUniqueOrThrow({ where: { id: user.userId }, include: { roles: true } });
      expect(row.name).toBe('');
      expect(row.roles.map((r) => r.roleName)).toEqual(['user']);
    },
  );
});

describe('DELETE /api/users/:id', () => {
  it('deletes the user with their drawings and sessions, keeps the audit trail, and kills their token', async () => {
    const user = await loginAs(t);
    await t.db.drawing.create({ data: { ownerId: user.userId, title: 'gone', shapes: [] } });
    const res = await api().delete(`/api/users/${user.userId}`).set(admin.auth);
    expect(res.status).toBe(204);
    expect(await t.db.user.findUnique({ where: { id: user.userId } })).toBeNull();
    expect(await t.db.drawing.count({ where: { ownerId: user.userId } })).toBe(0);
    expect(await t.db.refreshFamily.count({ where: { userId: user.userId } })).toBe(0);
    const audit = await t.db.auditEvent.findFirst({
      where: { type: 'user.deleted', actorId: admin.userId },
      orderBy: { id: 'desc' },
    });
    expect(audit?.data).toMatchObject({ userId: user.userId, email: user.email });
    expect((await api().get('/api/users/me').set(user.auth)).status).toBe(401);
  });
});
