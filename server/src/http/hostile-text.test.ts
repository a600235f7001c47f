import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { listMountedRoutes } from '../../test/routes.ts';
import { toStorableText } from '../contract/text.ts';
import { findUnstorableText } from './validate.ts';

let t: TestApp;
let admin: LoggedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t, { roles: ['admin'] });
});

// JSON escapes, sent as raw text so the bytes reach the server exactly as written.
const NUL_EMAIL = '{"email":"x\\u0000@a.b","password":"whatever-it-is"}';
const LONE_SURROGATE_EMAIL = '{"email":"\\ud800","password":"whatever-it-is"}';

const postRaw = (path: string, body: string) =>
  request(t.app).post(path).set('Content-Type', 'application/json').send(body);

function expectUnstorable(res: request.Response, path: string) {
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: 'validation_failed' });
  expect(res.body.errors).toEqual([expect.objectContaining({ path, code: 'unstorable_text' })]);
}

describe('text the database cannot store', () => {
  it('answers 422 naming the field for NUL or a lone surrogate in a login email', async () => {
    expectUnstorable(await postRaw('/api/auth/login', NUL_EMAIL), 'email');
    expectUnstorable(await postRaw('/api/auth/login', LONE_SURROGATE_EMAIL), 'email');
  });

  it('answers 422 for NUL in the admin email filter', async () => {
    const res = await request(t.app).get('/api/users?email=adm%00').set(admin.auth);
    expectUnstorable(res, 'email');
  });

  it('answers 422 for NUL in a key, deep in a body, without storing anything', async () => {
    const before = await t.db.drawing.count();
    const body =
      '{"title":"ok","shapes":[{"id":"a","type":"text","x":0,"y":0,"width":1,"height":1,"fontSize":9,"text":"\\u0000"}]}';
    const res = await request(t.app)
      .post('/api/drawings')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send(body);
    expectUnstorable(res, 'shapes.0.text');
    const key = await postRaw('/api/auth/register', '{"email":"a@b.co","password":"p","na\\u0000me":"x"}');
    expect(key.status).toBe(422);
    expect(key.body.errors[0].path).toBe('na?me');
    expect(await t.db.drawing.count()).toBe(before);
  });

  it('stores a User-Agent only as storable text', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('User-Agent', 'Agent/1.0 (X11)')
      .send({ email: admin.email, password: admin.password });
    expect(res.status).toBe(200);
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    const family = await t.db.refreshFamily.findUniqueOrThrow({ where: { id: claims.sid } });
    expect(family.userAgent).toBe('Agent/1.0 (X11)');
    // Node decodes header bytes as Latin-1, so NUL and lone surrogates cannot arrive today; were
    // they to, the stored text is made storable rather than refusing the login.
    expect(toStorableText('a\u0000b\ud800')).toBe('a\ufffdb\ufffd');
  });
});

describe('every route and hostile text', () => {
  const hostileBody = '{"email":"\\u0000","name":"\\ud800","title":"\\u0000","x\\u0000":1}';
  const hostileParams = (path: string) => path.replace(/:\w+/g, '%00');
  const SOME_UUID = '00000000-0000-4000-8000-000000000000';
  // One hostile part per request, so that one refusal cannot hide another part's 500.
  const variants = (path: string) => [
    { url: hostileParams(path), body: undefined },
    { url: `${path}?email=%00`, body: undefined },
    { url: `${path}?cursor=%ED%A0%80`, body: undefined },
    { url: path, body: hostileBody },
  ];

  it('never answers 5xx, whatever route gets NUL and lone surrogates in its params, query or body', async () => {
    const routes = listMountedRoutes(t.app);
    expect(routes.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const { method, path } of routes) {
      // A fresh admin per route: logout-all or a self-deactivation must not hide later routes.
      const caller = await loginAs(t, { roles: ['admin'] });
      for (const { url, body } of variants(path)) {
        const send = request(t.app)[method.toLowerCase() as 'post'];
        const res = await send(url.replace(/:\w+/g, SOME_UUID))
          .set(caller.auth)
          .set('Origin', 'http://localhost:5173')
          .set('X-Requested-With', 'easel')
          .set('Content-Type', 'application/json')
          .send(body);
        answers.push(`${method} ${url} ${res.status}`);
      }
    }
    expect(answers.filter((answer) => / 5\d\d$/.test(answer))).toEqual([]);
    // A sign-in per route: the time grows with the route count (second factors added 17).
  }, 120_000);
});

describe('findUnstorableText', () => {
  it('finds the first bad string or key by its dotted path, however deep', () => {
    expect(findUnstorableText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('a.1.c');
    expect(findUnstorableText({ ok: ['fine', 'still fine'] })).toBeUndefined();
    let deep: unknown = 'bad\ud800';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findUnstorableText(deep)).toBe(Array(100_000).fill('0').join('.'));
  });
});
