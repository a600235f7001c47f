/**
 * Property-based hostile input (issue 13.4): every route of the registry, as anonymous, user and
 * admin, gets generated wrong types, huge strings, deep nesting, unicode edge cases, prototype
 * keys, edge numbers, duplicate keys, odd content types and charsets, in its params, query and
 * body. Bounded by numRuns; a failure prints the seed (`FUZZ_SEED=<n>` replays it).
 */
import type { AddressInfo } from 'node:net';
import { request as httpRequest, Agent } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../app-context.ts';
import { listFeatures } from '../app.ts';
import { buildTestApp, FROM_APP, loginAs, TEST_ORIGIN, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { hostileBody, hostileQuery, hostileUrlPart, keysOf, type HostileBody } from '../../test/hostile.ts';
import type { Route } from './routes.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 4);
// Tables a refused request must leave alone; audit_events may record the refusal.
const DOMAIN_TABLES = [
  'users',
  'roles',
  'user_roles',
  'refresh_families',
  'refresh_tokens',
  'drawings',
  'webhook_events',
] as const;
const ALL_TABLES = [...DOMAIN_TABLES, 'audit_events'] as const;

interface Caller {
  name: 'anonymous' | 'user' | 'admin';
  login?: LoggedIn;
  passwordHash?: string;
  /** A password this caller may put in a body: the real one, or for anonymous a made-up one. */
  password: string;
}

let t: TestApp;
let baseUrl: string;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const callers: Caller[] = [];
let drawingId: string;
let routes: { method: string; path: string; route: Route }[];

beforeAll(async () => {
  t = await buildTestApp({ clock: 'system' });
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAllClose.push(() => new Promise((resolve) => server.close(resolve)));
  const user = await loginAs(t);
  const admin = await loginAs(t, { roles: ['admin'] });
  const hashOf = async (id: string) => (await t.db.user.findUniqueOrThrow({ where: { id } })).passwordHash;
  callers.push(
    { name: 'anonymous', password: 'anonymous-secret-passphrase-77' },
    { name: 'user', login: user, passwordHash: await hashOf(user.userId), password: user.password },
    { name: 'admin', login: admin, passwordHash: await hashOf(admin.userId), password: admin.password },
  );
  drawingId = (await t.db.drawing.create({ data: { ownerId: user.userId, title: 'mine', shapes: [] } })).id;
  const ctx = createAppContext({ config: t.config, logger: t.logger, db: t.db, clock: t.clock, redis: t.redis });
  routes = listFeatures(ctx).flatMap((feature) =>
    feature.routes.map((route) => ({
      method: route.method.toUpperCase(),
      path: `${feature.path}/${route.path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
      route,
    })),
  );
});

const afterAllClose: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  agent.destroy();
  await Promise.all(afterAllClose.map((close) => close()));
});

interface Answer {
  status: number;
  headers: string;
  text: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  // Framed by Content-Length always: Node sends a GET's body unframed otherwise.
  if (body) headers = { ...headers, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: JSON.stringify(res.headers),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A digest of every row of each table, in one round trip. */
async function snapshot(): Promise<Record<string, string>> {
  const columns = ALL_TABLES.map(
    (table) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t) AS ${table}`,
  );
  const [row] = await t.db.$queryRawUnsafe<Record<string, string>[]>(`SELECT ${columns.join(', ')}`);
  return row ?? {};
}

/**
 * After a write that succeeded, put the caller back as it was (a hostile but valid body may
 * have changed its email or password, deactivated or deleted it, or ended its sessions) and log
 * in again, so the next runs still act as that caller.
 */
async function restore(caller: Caller): Promise<void> {
  const login = caller.login;
  if (!login || !caller.passwordHash) return;
  const data = { email: login.email, passwordHash: caller.passwordHash, isActive: true };
  await t.db.user.upsert({ where: { id: login.userId }, update: data, create: { id: login.userId, ...data } });
  if (caller.name === 'admin') {
    await t.db.userRole.upsert({
      where: { userId_roleName: { userId: login.userId, roleName: 'admin' } },
      update: {},
      create: { userId: login.userId, roleName: 'admin' },
    });
  }
  if (!(await t.db.drawing.findUnique({ where: { id: drawingId } }))) {
    const owner = callers.find((c) => c.name === 'user')?.login?.userId ?? login.userId;
    await t.db.user.findUniqueOrThrow({ where: { id: owner } });
    await t.db.drawing.create({ data: { id: drawingId, ownerId: owner, title: 'mine', shapes: [] } });
  }
  const body = Buffer.from(JSON.stringify({ email: login.email, password: login.password }));
  const res = await send('POST', '/api/auth/login', { 'content-type': 'application/json' }, body);
  if (res.status !== 200) throw new Error(`re-login failed: ${res.status} ${res.text}`);
  const { accessToken } = JSON.parse(res.text) as { accessToken: string };
  const cookie = /easel_refresh=([^;]+)/.exec(res.headers)?.[1];
  login.accessToken = accessToken;
  login.auth = { Authorization: `Bearer ${accessToken}` };
  if (cookie) login.refreshToken = cookie;
}

interface Attempt {
  params: string[];
  query: string;
  body: HostileBody;
  withAuth: boolean;
  withCookie: boolean;
  withCsrf: boolean;
}

function attempts(r: Route, caller: Caller): fc.Arbitrary<Attempt> {
  const paramCount = (r.path.match(/:\w+/g) ?? []).length;
  const knownIds = caller.login ? [caller.login.userId, 'admin', 'user'] : ['admin'];
  const param = fc.oneof(
    { weight: 4, arbitrary: hostileUrlPart },
    { weight: 1, arbitrary: fc.constantFrom(...knownIds, drawingId) },
  );
  return fc.record({
    params: fc.array(param, { minLength: paramCount, maxLength: paramCount }),
    query: hostileQuery(keysOf(r.query)),
    body: hostileBody(keysOf(r.body ?? r.rawBody), { password: caller.password }),
    withAuth: fc.boolean(),
    withCookie: fc.boolean(),
    withCsrf: fc.boolean(),
  });
}

function headersFor(caller: Caller, a: Attempt): Record<string, string> {
  const headers: Record<string, string> = {};
  if (a.body.contentType !== undefined) headers['content-type'] = a.body.contentType;
  if (a.body.contentEncoding !== undefined) headers['content-encoding'] = a.body.contentEncoding;
  if (caller.login && a.withAuth) headers.authorization = `Bearer ${caller.login.accessToken}`;
  if (caller.login && a.withCookie) headers.cookie = `easel_refresh=${caller.login.refreshToken}`;
  if (a.withCsrf) Object.assign(headers, { origin: TEST_ORIGIN, 'x-requested-with': 'easel' });
  return headers;
}

function secretsOf(caller: Caller): string[] {
  const login = caller.login;
  const secrets = [caller.password, t.config.auth.jwtSecret ?? ''];
  if (login) secrets.push(login.password, login.accessToken, login.refreshToken);
  return secrets.filter((s) => s.length >= 8);
}

function expectProblem(answer: Answer, context: string): void {
  expect(answer.headers, context).toContain('application/problem+json');
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: answer.status,
    code: expect.any(String),
  });
}

// Found by the properties below: both answered 500 before the error handler mapped them.
describe('regressions', () => {
  it('answers 400 problem details to a gzip or deflate body that does not inflate', async () => {
    for (const encoding of ['gzip', 'deflate']) {
      const body = Buffer.from('{"email":"a@b.co","password":"not-compressed-at-all"}');
      const headers = { 'content-type': 'application/json', 'content-encoding': encoding, ...FROM_APP };
      const answer = await send('POST', '/api/auth/register', headers, body);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ code: 'bad_request' });
    }
  });

  it('answers 400 problem details to a path parameter that is not valid percent-encoding', async () => {
    const admin = callers.find((c) => c.name === 'admin')!.login!;
    for (const path of ['/api/users/%E0%A4%A', '/api/drawings/%ED%A0%80', '/api/auth/sessions/%']) {
      const answer = await send('DELETE', path, { ...admin.auth, ...FROM_APP });
      expect(answer.status, path).toBe(400);
      expectProblem(answer, path);
    }
  });
});

describe('hostile input to every route', () => {
  it('reads the routes from the registry', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('PUT /api/drawings/:id');
  });

  for (const callerName of ['anonymous', 'user', 'admin'] as const) {
    it(`never answers 5xx, always problem details on 4xx, echoes no secret and writes nothing it refuses, as ${callerName}`, async () => {
      const caller = callers.find((c) => c.name === callerName)!;
      for (const { method, path, route } of routes) {
        const property = fc.asyncProperty(attempts(route, caller), async (a) => {
          let index = 0;
          const url = path.replace(/:\w+/g, () => a.params[index++] ?? '') + a.query;
          const secrets = secretsOf(caller);
          const before = await snapshot();
          const answer = await send(method, url, headersFor(caller, a), a.body.body);
          const after = await snapshot();
          const context = `${method} ${url.slice(0, 200)} -> ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, context).toBeLessThan(500);
          if (answer.status >= 400) expectProblem(answer, context);
          for (const secret of secrets) {
            expect(answer.text.includes(secret) || answer.headers.includes(secret), `secret echoed: ${context}`).toBe(
              false,
            );
          }
          const unchanged = method === 'GET' ? ALL_TABLES : answer.status >= 400 ? DOMAIN_TABLES : [];
          for (const table of unchanged) expect(after[table], `${table} changed: ${context}`).toBe(before[table]);
          if (method !== 'GET' && answer.status < 400) await restore(caller);
        });
        await fc.assert(property, { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true });
      }
    }, 120_000);
  }

  it('leaves Object.prototype unpolluted and keeps secrets out of the logs', async () => {
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    await t.close();
    const files = await readdir(t.logDir);
    const logs = (await Promise.all(files.map((f) => readFile(join(t.logDir, f), 'utf8')))).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const caller of callers) for (const secret of secretsOf(caller)) expect(logs).not.toContain(secret);
  });
});
