/**
 * `npm run bench:profile -- <me|drawings|drawing|users|put|refresh|login|healthz> [seconds]`: runs
 * one endpoint's load against the production build under `node --cpu-prof`, then prints where the
 * process spent its time, by library and by function (self time). Loopback only, bounded.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChainedLoad, runLoad } from './load.ts';
import { BENCH_ORIGIN, benchEnv, startProduction } from './production.ts';
import { createBenchDatabase, PASSWORD, rect, seed } from './seed.ts';

const endpoint = process.argv[2] ?? 'me';
const seconds = Number(process.argv[3] ?? 8);
const dir = join(tmpdir(), `easel-cpu-prof-${process.pid}`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, RegExp][] = [
  ['Prisma query compiler (WASM)', /wasm|query_compiler/],
  ['Prisma client runtime', /@prisma\/client|generated\/prisma|@prisma\/client-engine-runtime/],
  [
    'pg driver + adapter',
    /node_modules\/(pg|pg-protocol|pg-types|postgres-|@prisma\/adapter-pg|@prisma\/driver-adapter-utils)/,
  ],
  ['winston (request log)', /winston|logform|readable-stream|triple-beam|colors|fecha|safe-stable-stringify/],
  [
    'Express + router + parsers',
    /node_modules\/(express|router|body-parser|raw-body|cookie|cookie-parser|finalhandler|send|serve-static|qs|on-finished|type-is|mime|content-type|accepts|negotiator|iconv-lite)/,
  ],
  ['jsonwebtoken', /jsonwebtoken|jws|jwa|ms\//],
  ['zod', /node_modules\/zod/],
  ['argon2', /argon2/],
  ['Easel code', /dist\/server\/src/],
  ['Node internals', /^node:/],
];

function categorize(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName || '(anonymous)'}`;
  return (
    CATEGORIES.find(([, re]) => re.test(url))?.[0] ?? `other: ${url.replace(/^.*node_modules\//, '').split('/')[0]}`
  );
}

function summarize(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idle = [...self]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((s, [, t]) => s + t, 0);
  const total = [...self.values()].reduce((a, b) => a + b, 0) - idle;
  const add = (map: Map<string, number>, key: string, t: number) => map.set(key, (map.get(key) ?? 0) + t);
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, t] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    add(categories, categorize(node), t);
    const file = node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '');
    add(functions, `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`, t);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  console.log(`\nbusy time ${(total / 1e6).toFixed(1)} s (idle excluded)\n\nby library (self time):`);
  for (const [k, t] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log(`${pct(t)}  ${k}`);
  console.log('\nby function (self time):');
  for (const [k, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(t)}  ${k}`);
}

const database = await createBenchDatabase(process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const seeded = await seed(database.url, 20);
const easel = await startProduction(benchEnv(database.url, join(dir, 'logs')), { cpuProfileDir: dir });
try {
  const loginAs = async (email: string) => {
    const res = await fetch(`${easel.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = /(?:__Secure-)?easel_refresh=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
    return { auth: { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` }, cookie };
  };
  const user = await loginAs(seeded.user.email);
  const admin = await loginAs(seeded.admin.email);
  const get = (path: string, headers: Record<string, string>) =>
    runLoad({ url: `${easel.url}${path}`, seconds, connections: 50, headers });
  const runs: Record<string, () => Promise<unknown>> = {
    me: () => get('/api/users/me', user.auth),
    healthz: () => get('/healthz', user.auth),
    drawings: () => get('/api/drawings', user.auth),
    drawing: () => get(`/api/drawings/${seeded.bigDrawing}`, user.auth),
    users: () => get('/api/users', admin.auth),
    login: () =>
      runLoad({
        url: `${easel.url}/api/auth/login`,
        seconds,
        connections: 20,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: seeded.user.email, password: PASSWORD }),
      }),
    put: () => {
      const body = JSON.stringify({ shapes: Array.from({ length: 500 }, (_, i) => rect(i)) });
      return runChainedLoad({
        url: easel.url,
        seconds,
        connections: 10,
        method: 'PUT',
        sessions: seeded.putDrawings.easel.map((id) => ({ id, version: 1 })),
        request: (s) => ({
          path: `/api/drawings/${s.id}`,
          headers: { ...user.auth, 'content-type': 'application/json', 'if-match': `"${s.version}"` },
          body,
        }),
        next: (s, _b, headers) => ({ ...s, version: Number(String(headers.etag).replace(/\D/g, '')) }),
      });
    },
    refresh: async () => {
      const sessions = [];
      for (let i = 0; i < 10; i += 1) sessions.push({ cookie: (await loginAs(seeded.user.email)).cookie });
      return runChainedLoad({
        url: easel.url,
        seconds,
        connections: 10,
        method: 'POST',
        sessions,
        request: (s) => ({
          path: '/api/auth/refresh',
          headers: { cookie: s.cookie, origin: BENCH_ORIGIN, 'x-requested-with': 'easel' },
        }),
        next: (s, _b, headers) => ({
          cookie: /(?:__Secure-)?easel_refresh=[^;]+/.exec(String(headers['set-cookie']))?.[0] ?? s.cookie,
        }),
      });
    },
  };
  const run = runs[endpoint];
  if (!run) throw new Error(`unknown endpoint ${endpoint}: one of ${Object.keys(runs).join(', ')}`);
  console.log(JSON.stringify(await run()));
} finally {
  await easel.stop();
  await database.drop();
}
const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
summarize(JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile);
await rm(dir, { recursive: true, force: true });
