import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let user: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  user = await loginAs(t);
});

const api = () => request(t.app);
const shape = (id: string) => ({ id, type: 'ellipse', x: 0, y: 0, width: 10, height: 10 });

async function createDrawing() {
  const res = await api()
    .post('/api/drawings')
    .set(user.auth)
    .send({ title: 'start', shapes: [shape('a')] });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; updatedAt: string };
}

const put = (id: string) => api().put(`/api/drawings/${id}`).set(user.auth);

describe('PUT /api/drawings/:id', () => {
  it('saves with the current version: 200, version + 1, new ETag and a later updatedAt', async () => {
    const drawing = await createDrawing();
    // Dated a minute back, so "later" cannot hinge on two writes landing in one millisecond.
    const before = new Date(Date.parse(drawing.updatedAt) - 60_000);
    await t.db.drawing.update({ where: { id: drawing.id }, data: { updatedAt: before } });
    const res = await put(drawing.id).send({ title: 'renamed', shapes: [shape('b')], version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: drawing.id, title: 'renamed', version: 2, shapes: [{ id: 'b' }] });
    expect(res.headers.etag).toBe('"2"');
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(before.getTime());
    const titleOnly = await put(drawing.id).set('If-Match', '"2"').send({ title: 'only the title' });
    expect(titleOnly.body).toMatchObject({ title: 'only the title', version: 3, shapes: [{ id: 'b' }] });
  });

  it('answers 428 without a version or If-Match, and changes nothing', async () => {
    const drawing = await createDrawing();
    for (const ifMatch of [undefined, '*']) {
      const req = put(drawing.id);
      if (ifMatch) req.set('If-Match', ifMatch);
      const res = await req.send({ title: 'blind overwrite' });
      expect(res.status).toBe(428);
      expect(res.body.code).toBe('precondition_required');
    }
    const row = await t.db.drawing.findUniqueOrThrow({ where: { id: drawing.id } });
    expect(row).toMatchObject({ title: 'start', version: 1 });
  });

  it('answers 409 with the current drawing to a stale body version; a retry on it succeeds', async () => {
    const drawing = await createDrawing();
    await put(drawing.id).send({ title: 'first', version: 1 }).expect(200);
    const stale = await put(drawing.id).send({ title: 'second', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'version_conflict',
      current: { id: drawing.id, title: 'first', version: 2 },
    });
    expect(stale.body.current.shapes).toEqual([expect.objectContaining({ id: 'a' })]);
    expect(stale.headers.etag).toBe('"2"');
    const retry = await put(drawing.id).send({ title: 'second', version: stale.body.current.version });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(3);
  });

  it('judges If-Match before the body version and treats weak or malformed tags as never matching', async () => {
    const drawing = await createDrawing();
    const cases: Array<[string, number | undefined, number, string]> = [
      ['"7"', undefined, 412, 'precondition_failed'],
      ['"7"', 1, 412, 'precondition_failed'],
      ['W/"1"', undefined, 412, 'precondition_failed'],
      ['1', undefined, 412, 'precondition_failed'],
      ['"1"', 7, 409, 'version_conflict'],
    ];
    for (const [ifMatch, version, status, code] of cases) {
      const res = await put(drawing.id).set('If-Match', ifMatch).send({ title: 'x', version });
      expect({ ifMatch, status: res.status, code: res.body.code }).toEqual({ ifMatch, status, code });
      expect(res.body.current.version).toBe(1);
    }
    const listed = await put(drawing.id).set('If-Match', '"5", "1"').send({ title: 'x' });
    expect(listed.status).toBe(200);
  });

  it('two clients saving from the same version: one 200, one 409 with the winner as current, nothing lost', async () => {
    const drawing = await createDrawing();
    const [a, b] = await Promise.all([
      put(drawing.id).send({ title: 'from A', shapes: [shape('a'), shape('from-a')], version: 1 }),
      put(drawing.id).send({ title: 'from B', shapes: [shape('a'), shape('from-b')], version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    const row = await t.db.drawing.findUniqueOrThrow({ where: { id: drawing.id } });
    expect(row).toMatchObject({ title: winner.body.title, version: 2, shapes: winner.body.shapes });
    expect(loser.body.code).toBe('version_conflict');
    expect(loser.body.current).toEqual(winner.body);
  });

  it('two clients saving with the same If-Match: one 200, one 412 with the winner as current', async () => {
    const drawing = await createDrawing();
    const [a, b] = await Promise.all([
      put(drawing.id).set('If-Match', '"1"').send({ title: 'from A' }),
      put(drawing.id).set('If-Match', '"1"').send({ title: 'from B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body).toMatchObject({ code: 'precondition_failed', current: winner.body });
    expect(await t.db.drawing.findUniqueOrThrow({ where: { id: drawing.id } })).toMatchObject({
      title: winner.body.title,
      version: 2,
    });
  });

  it('ten clients racing from one version: exactly one wins', async () => {
    const drawing = await createDrawing();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => put(drawing.id).send({ title: `client ${i}`, version: 1 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = results.find((r) => r.status === 200)!;
    expect(await t.db.drawing.findUniqueOrThrow({ where: { id: drawing.id } })).toMatchObject({
      title: winner.body.title,
      version: 2,
    });
  });

  it('refuses server-owned fields and empty changes with 422', async () => {
    const drawing = await createDrawing();
    for (const body of [
      { title: 'x', version: 1, ownerId: user.userId },
      { version: 1, id: drawing.id },
      { version: 1 },
    ]) {
      const res = await put(drawing.id).send(body);
      expect(res.status).toBe(422);
    }
    const badVersion = await put(drawing.id).send({ title: 'x', version: '1' });
    expect(badVersion.status).toBe(422);
    expect(badVersion.body.errors[0].path).toBe('version');
    expect(await t.db.drawing.findUniqueOrThrow({ where: { id: drawing.id } })).toMatchObject({
      title: 'start',
      version: 1,
    });
  });
});
