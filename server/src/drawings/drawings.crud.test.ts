import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet } from '../identity/keys.ts';
import { issueAccessToken } from '../identity/tokens.ts';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { DRAWING_LIMITS } from '../contract/shapes.ts';

let t: TestApp;
let alice: LoggedIn;
let mallory: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  [alice, mallory] = [await loginAs(t), await loginAs(t)];
});

const api = () => request(t.app);
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const rect = { id: 'r1', type: 'rect', x: 10, y: 20, width: 100, height: 50 };

async function createAs(user: LoggedIn, body: Record<string, unknown> = { title: 'Plan', shapes: [rect] }) {
  const res = await api().post('/api/drawings').set(user.auth).send(body);
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string; version: number; shapes: unknown[] };
}

describe('POST /api/drawings', () => {
  it('creates a drawing at version 1 with Location and ETag, filling shape defaults', async () => {
    const res = await api()
      .post('/api/drawings')
      .set(alice.auth)
      .send({ title: '  Plan  ', shapes: [rect] });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'id', 'shapes', 'title', 'updatedAt', 'version']);
    expect(res.body).toMatchObject({ title: 'Plan', version: 1 });
    expect(res.body.shapes).toEqual([
      { ...rect, rotation: 0, stroke: '#1e1e1e', strokeWidth: 2, fill: 'none', opacity: 1, z: 0, version: 1 },
    ]);
    expect(res.headers.location).toBe(`/api/drawings/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    const row = await t.db.drawing.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.ownerId).toBe(alice.userId);
  });

  it('refuses fields the server owns (mass assignment) and stores nothing', async () => {
    const before = await t.db.drawing.count();
    for (const extra of [
      { ownerId: mallory.userId },
      { version: 7 },
      { id: randomUUID() },
      { createdAt: '2000-01-01' },
    ]) {
      const res = await api()
        .post('/api/drawings')
        .set(alice.auth)
        .send({ title: 'x', shapes: [], ...extra });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors[0]).toMatchObject({ path: '', code: 'unrecognized_keys' });
    }
    expect(await t.db.drawing.count()).toBe(before);
  });

  it('requires a title that PostgreSQL can store', async () => {
    for (const title of [undefined, '   ', 'x'.repeat(DRAWING_LIMITS.titleLength + 1), 'a\u0000b']) {
      const res = await api().post('/api/drawings').set(alice.auth).send({ title, shapes: [] });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('title');
    }
  });

  it('answers 400 to malformed JSON and 415 to a body that is not JSON', async () => {
    const malformed = await api().post('/api/drawings').set(alice.auth).type('json').send('{"title": "x", "shapes": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const form = await api().post('/api/drawings').set(alice.auth).type('form').send('title=x');
    expect(form.status).toBe(415);
  });

  it('answers 413 to a body over the drawing limit before validating it', async () => {
    const junk = JSON.stringify({ title: 'junk', shapes: [], padding: 'x'.repeat(9 * 1024 * 1024) });
    const res = await api().post('/api/drawings').set(alice.auth).type('json').send(junk);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });
});

describe('GET /api/drawings/:id', () => {
  it('returns the owner their drawing with its ETag', async () => {
    const created = await createAs(alice);
    const res = await api().get(`/api/drawings/${created.id}`).set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
    expect(res.headers.etag).toBe('"1"');
  });

  it('answers 422 for an id that is not a uuid', async () => {
    const res = await api().get('/api/drawings/not-a-uuid').set(alice.auth);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('id');
  });
});

describe("another user's drawing", () => {
  it('cannot be read, changed or deleted: 404 exactly as for a missing id, and the row is unchanged', async () => {
    const created = await createAs(alice);
    const before = await t.db.drawing.findUniqueOrThrow({ where: { id: created.id } });
    const attempts = (id: string) => [
      api().get(`/api/drawings/${id}`).set(mallory.auth),
      api().put(`/api/drawings/${id}`).set(mallory.auth).send({ title: 'mine now', shapes: [], version: 1 }),
      api().put(`/api/drawings/${id}`).set(mallory.auth).set('If-Match', '"1"').send({ title: 'mine now' }),
      api().delete(`/api/drawings/${id}`).set(mallory.auth),
      api().delete(`/api/drawings/${id}`).set(mallory.auth).set('If-Match', '*'),
    ];
    const theirs = await Promise.all(attempts(created.id));
    const missing = await Promise.all(attempts(MISSING_ID));
    for (const [index, res] of theirs.entries()) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
      expect(res.body.detail).toBe(missing[index]!.body.detail);
      expect(res.body.current).toBeUndefined();
    }
    expect(await t.db.drawing.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
  });

  it('does not show up in their list', async () => {
    const created = await createAs(alice);
    const res = await api().get('/api/drawings').query({ limit: 100 }).set(mallory.auth);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { id: string }) => d.id)).not.toContain(created.id);
  });
});

describe('DELETE /api/drawings/:id', () => {
  it('deletes with 204, after which the drawing is gone', async () => {
    const created = await createAs(alice);
    expect((await api().delete(`/api/drawings/${created.id}`).set(alice.auth)).status).toBe(204);
    expect((await api().get(`/api/drawings/${created.id}`).set(alice.auth)).status).toBe(404);
    expect((await api().delete(`/api/drawings/${created.id}`).set(alice.auth)).status).toBe(404);
  });

  it('honours If-Match: a stale one is 412 with the current drawing and deletes nothing', async () => {
    const created = await createAs(alice);
    await api().put(`/api/drawings/${created.id}`).set(alice.auth).send({ title: 'v2', version: 1 }).expect(200);
    const stale = await api().delete(`/api/drawings/${created.id}`).set(alice.auth).set('If-Match', '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition_failed', current: { id: created.id, version: 2 } });
    expect(await t.db.drawing.count({ where: { id: created.id } })).toBe(1);
    const fresh = await api().delete(`/api/drawings/${created.id}`).set(alice.auth).set('If-Match', '"2"');
    expect(fresh.status).toBe(204);
    expect(await t.db.drawing.count({ where: { id: created.id } })).toBe(0);
  });
});

describe('guards', () => {
  const routes: Array<[string, string]> = [
    ['get', '/api/drawings'],
    ['post', '/api/drawings'],
    ['get', `/api/drawings/${MISSING_ID}`],
    ['put', `/api/drawings/${MISSING_ID}`],
    ['patch', `/api/drawings/${MISSING_ID}`],
    ['delete', `/api/drawings/${MISSING_ID}`],
  ];
  const call = (method: string, path: string) =>
    (api() as unknown as Record<string, (p: string) => request.Test>)[method]!(path);

  it.each(routes)('%s %s answers 401 to an anonymous caller', async (method, path) => {
    const res = await call(method, path).send({ title: 'x', shapes: [] });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it.each(routes)('%s %s answers 403 to a service client token', async (method, path) => {
    const keys = loadKeySet(t.config.auth, { production: false });
    const { token } = issueAccessToken(
      keys,
      { userId: randomUUID(), roles: [], scope: 'drawings' },
      t.config.auth,
      t.clock.now(),
    );
    const res = await call(method, path).set('Authorization', `Bearer ${token}`).send({ title: 'x', shapes: [] });
    expect(res.status).toBe(403);
  });

  it('answers 405 with Allow to other methods', async () => {
    const res = await api().post(`/api/drawings/${MISSING_ID}`).set(alice.auth).send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PUT, PATCH, DELETE, HEAD');
  });
});
