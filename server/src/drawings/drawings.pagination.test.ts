import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let owner: LoggedIn;
let other: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  [owner, other] = [await loginAs(t), await loginAs(t)];
  const base = Date.now();
  const rows = (ownerId: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      ownerId,
      title: `drawing ${i}`,
      shapes: [{ id: 's', type: 'rect', x: 0, y: 0, width: 1, height: 1 }],
      // Ties on purpose: up to seven drawings share each updatedAt, in an order unrelated to ids.
      updatedAt: new Date(base - ((i * 37) % 36) * 1000),
    }));
  await t.db.drawing.createMany({ data: [...rows(owner.userId, 250), ...rows(other.userId, 30)] });
});

const api = () => request(t.app);

async function walk(limit: number) {
  const seen: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: request.Response = await api()
      .get('/api/drawings')
      .query({ limit, ...(cursor ? { cursor } : {}) })
      .set(owner.auth);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { seen, pages };
}

describe('GET /api/drawings', () => {
  it('walks 250 drawings page by page without gaps or repeats, newest updatedAt first, ties by id', async () => {
    const { seen, pages } = await walk(40);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((d) => d.id)).size).toBe(250);
    const rows = await t.db.drawing.findMany({
      where: { ownerId: owner.userId },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    });
    expect(seen.map((d) => d.id)).toEqual(rows.map((r) => r.id));
  });

  it('lists summaries without shapes', async () => {
    const res = await api().get('/api/drawings').query({ limit: 3 }).set(owner.auth);
    expect(res.body.items).toHaveLength(3);
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'title', 'updatedAt', 'version']);
    }
  });

  it('defaults to 20 items and ends with a null cursor', async () => {
    const first = await api().get('/api/drawings').set(owner.auth);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const { seen } = await walk(100);
    expect(seen).toHaveLength(250);
    const fresh = await loginAs(t);
    const empty = await api().get('/api/drawings').set(fresh.auth);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps a cursor stable when a drawing is saved meanwhile (it moves to the front, not into the rest)', async () => {
    const first = await api().get('/api/drawings').query({ limit: 50 }).set(owner.auth);
    const later = first.body.items[45] as { id: string; version: number };
    await api()
      .put(`/api/drawings/${later.id}`)
      .set(owner.auth)
      .send({ title: 'edited', version: later.version })
      .expect(200);
    const rest = await api().get('/api/drawings').query({ limit: 100, cursor: first.body.nextCursor }).set(owner.auth);
    const restIds = rest.body.items.map((d: { id: string }) => d.id);
    expect(restIds).not.toContain(later.id);
    const top = await api().get('/api/drawings').query({ limit: 1 }).set(owner.auth);
    expect(top.body.items[0].id).toBe(later.id);
  });

  it.each([
    ['limit', { limit: 0 }],
    ['limit', { limit: 101 }],
    ['limit', { limit: 'ten' }],
    ['cursor', { cursor: 'not-a-cursor' }],
    ['cursor', { cursor: Buffer.from('["yesterday","x"]').toString('base64url') }],
    ['', { sort: 'title' }],
  ])('answers 422 naming the field "%s" for the bad query %j', async (path, query) => {
    const res = await api().get('/api/drawings').query(query).set(owner.auth);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].path).toBe(path);
  });
});
