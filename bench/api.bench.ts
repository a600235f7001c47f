/**
 * `npm run bench`: Easel's production build on PostgreSQL against same-work baselines, measured
 * in the same run and alternated in rounds so that a noisy machine moves both sides alike. Writes
 * bench/results.json and the table in docs/benchmarks.md. Loopback only, bounded in time; not
 * part of `npm test`. See docs/benchmarks.md for what each row compares.
 *   BENCH_SECONDS (4) per measurement, BENCH_ROUNDS (3), BENCH_PG_URL (the machine's PostgreSQL),
 *   BENCH_SKIP_BUILD=1 to reuse dist/, BENCH_ONLY=me,login to run some rows.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { verifyPassword, hashPassword } from '../server/src/identity/passwords.ts';
import { runChainedLoad, runLoad, type LoadResult } from './load.ts';
import { BENCH_ORIGIN, benchEnv, buildProduction, freePort, startProduction, type RunningEasel } from './production.ts';
import { writeReport, type Row } from './report.ts';
import { ARGON2, createBenchDatabase, PASSWORD, rect, seed } from './seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ONLY = process.env.BENCH_ONLY?.split(',');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 50;
const WRITERS = 10;
const log = (message: string) => console.error(`bench: ${message}`);

async function startChild(kind: string, env: Record<string, string>) {
  const child = fork(new URL('./servers.ts', import.meta.url).pathname, [kind], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return { child, url: `http://127.0.0.1:${port}` };
}

async function ask<T>(child: ChildProcess, message: string): Promise<T> {
  child.send(message);
  return ((await once(child, 'message')) as [T])[0];
}

/** Debian's gunicorn serving bench/flask_app.py, installed with apt-get when missing and allowed. */
async function startFlask(env: Record<string, string>): Promise<{ url: string; stop(): void } | string> {
  const hasIt = () => spawnSync('/usr/bin/python3', ['-c', 'import flask, jwt, gunicorn']).status === 0;
  if (!hasIt() && process.getuid?.() === 0) {
    log('installing python3-flask python3-jwt gunicorn with apt-get');
    spawnSync('apt-get', ['install', '-y', '-q', 'python3-flask', 'python3-jwt', 'gunicorn'], { stdio: 'ignore' });
  }
  if (!hasIt()) return 'skipped: python3-flask, python3-jwt or gunicorn is not installable here';
  const port = await freePort();
  const child = spawn(
    '/usr/bin/python3',
    [
      '-m',
      'gunicorn',
      '-w',
      '2',
      '-b',
      `127.0.0.1:${port}`,
      '--chdir',
      new URL('.', import.meta.url).pathname,
      'flask_app:app',
    ],
    { env: { ...process.env, ...env }, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (
      await fetch(`${url}/token`).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

function ensureWrk(): void {
  if (spawnSync('wrk', ['--version']).error === undefined || process.getuid?.() !== 0) return;
  log('installing wrk with apt-get (autocannon is the fallback)');
  spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'ignore' });
}

async function login(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login on ${url} answered ${res.status}: ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  // `name=value` of the refresh cookie (`__Secure-easel_refresh` in production).
  const refresh = /(?:__Secure-)?easel_refresh=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { accessToken, refresh };
}

/** Raw argon2id verifies per second at a given concurrency, for `seconds`: the login ceiling. */
async function measureArgon2(concurrency: number, seconds: number): Promise<LoadResult> {
  const hash = await hashPassword(PASSWORD, ARGON2);
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await verifyPassword(hash, PASSWORD);
        done += 1;
      }
    }),
  );
  return {
    tool: 'autocannon',
    requestsPerSecond: Math.round(done / seconds),
    latencyMs: { p50: NaN, p99: NaN },
    errors: 0,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Runs each side once per round, alternating, and reports the median ratio of the rounds. */
async function compare(
  name: string,
  sides: { label: string; run: () => Promise<LoadResult> }[],
  extra: Partial<Row> = {},
): Promise<Row> {
  try {
    return await measure(name, sides, extra);
  } catch (error) {
    // One broken measurement must not lose the others: it becomes a note and a row without numbers.
    notes.push(`${name}: not measured: ${error instanceof Error ? error.message : String(error)}`);
    log(`${name}: failed: ${String(error)}`);
    return { name, sides: [], ratio: NaN, ratios: [], ...extra, met: false };
  }
}

async function measure(
  name: string,
  sides: { label: string; run: () => Promise<LoadResult> }[],
  extra: Partial<Row> = {},
): Promise<Row> {
  // A fresh process runs cold (V8 and the WASM query compiler tier up): warm each side first.
  for (const side of sides) await side.run();
  const results = sides.map(() => [] as LoadResult[]);
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [i, side] of sides.entries()) results[i]!.push(await side.run());
  }
  const rps = results.map((rs) => rs.map((x) => x.requestsPerSecond));
  const ratios = rps[0]!.map((a, i) => (rps[1]![i] ? a / rps[1]![i]! : NaN));
  const row: Row = {
    name,
    sides: sides.map((side, i) => ({
      label: side.label,
      requestsPerSecond: rps[i]!,
      median: median(rps[i]!),
      errors: results[i]!.reduce((sum, x) => sum + x.errors, 0),
      latencyP99Ms: median(results[i]!.map((x) => x.latencyMs.p99)),
    })),
    ratio: round2(median(ratios)),
    ratios: ratios.map(round2),
    ...extra,
  };
  row.met = row.target === undefined ? undefined : row.ratio >= row.target;
  log(`${name}: ${row.sides.map((s) => `${s.label} ${s.median}/s`).join(', ')} -> ratio ${row.ratio}`);
  return row;
}

const wanted = (name: string) => !ONLY || ONLY.includes(name);

ensureWrk();
if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('building the server (npm run build:server)');
  buildProduction();
}
const database = await createBenchDatabase(PG_URL);
log(`database ready (PostgreSQL ${database.version})`);
// Sessions lost in flight at the end of a run are dropped: enough for the warm-up and every round.
const SESSIONS = WRITERS * (ROUNDS + 2);
const seeded = await seed(database.url, SESSIONS);
const env = benchEnv(database.url, `/tmp/easel-bench-logs-${process.pid}`);
const started: { stop(): unknown }[] = [];
const rows: Row[] = [];
const notes: string[] = [];
const loadBefore = (await import('node:os')).loadavg();
try {
  const easel: RunningEasel = await startProduction(env);
  started.push(easel);
  const stopChild = (c: { child: ChildProcess }) => ({ stop: () => c.child.send('exit') });
  const baseline = await startChild('baseline', env);
  started.push(stopChild(baseline));
  log('servers up');

  const user = await login(easel.url, seeded.user.email);
  const admin = await login(easel.url, seeded.admin.email);
  const asUser = { authorization: `Bearer ${user.accessToken}` };
  const asAdmin = { authorization: `Bearer ${admin.accessToken}` };
  const get = (base: string, path: string, headers: Record<string, string>) => () =>
    runLoad({ url: `${base}${path}`, seconds: SECONDS, connections: CONNECTIONS, headers });
  const pair = (path: string, headers: Record<string, string>) => [
    { label: 'easel', run: get(easel.url, path, headers) },
    { label: 'baseline', run: get(baseline.url, path, headers) },
  ];
  const DB_TARGET = { target: 0.75 };

  if (wanted('me')) rows.push(await compare('GET /api/users/me', pair('/api/users/me', asUser), DB_TARGET));
  if (wanted('drawings')) rows.push(await compare('GET /api/drawings', pair('/api/drawings', asUser), DB_TARGET));
  if (wanted('drawing'))
    rows.push(
      await compare(
        'GET /api/drawings/:id (500 shapes)',
        pair(`/api/drawings/${seeded.bigDrawing}`, asUser),
        DB_TARGET,
      ),
    );
  if (wanted('users')) rows.push(await compare('GET /api/users (admin list)', pair('/api/users', asAdmin), DB_TARGET));

  if (wanted('put')) {
    const body = JSON.stringify({ shapes: Array.from({ length: 500 }, (_, i) => rect(i)) });
    const putOn = (base: string, ids: string[]) => {
      const sessions = ids.map((id) => ({ id, version: 1 }));
      return () =>
        runChainedLoad({
          url: base,
          seconds: SECONDS,
          connections: WRITERS,
          method: 'PUT',
          sessions,
          request: (s) => ({
            path: `/api/drawings/${s.id}`,
            headers: { ...asUser, 'content-type': 'application/json', 'if-match': `"${s.version}"` },
            body,
          }),
          next: (s, _body, headers) => {
            s.version = Number(String(headers.etag ?? '').replace(/\D/g, ''));
            return s;
          },
        });
    };
    rows.push(
      await compare(
        'PUT /api/drawings/:id (500 shapes)',
        [
          { label: 'easel', run: putOn(easel.url, seeded.putDrawings.easel) },
          { label: 'baseline', run: putOn(baseline.url, seeded.putDrawings.baseline) },
        ],
        DB_TARGET,
      ),
    );
  }

  if (wanted('refresh')) {
    const refreshOn = async (base: string) => {
      // A few at a time: 50 concurrent logins exhaust Easel's interactive transactions (a 500).
      const sessions: { token: string }[] = [];
      while (sessions.length < SESSIONS) {
        const batch = Array.from({ length: 5 }, async () => ({
          token: (await login(base, seeded.user.email)).refresh,
        }));
        sessions.push(...(await Promise.all(batch)));
      }
      return () =>
        runChainedLoad({
          url: base,
          seconds: SECONDS,
          connections: WRITERS,
          method: 'POST',
          sessions,
          request: (s) => ({
            path: '/api/auth/refresh',
            headers: { cookie: s.token, origin: BENCH_ORIGIN, 'x-requested-with': 'easel' },
          }),
          next: (s, _body, headers) => {
            s.token = /(?:__Secure-)?easel_refresh=[^;]+/.exec(String(headers['set-cookie'] ?? ''))?.[0] ?? s.token;
            return s;
          },
        });
    };
    rows.push(
      await compare(
        'POST /api/auth/refresh',
        [
          { label: 'easel', run: await refreshOn(easel.url) },
          { label: 'baseline', run: await refreshOn(baseline.url) },
        ],
        DB_TARGET,
      ),
    );
  }

  if (wanted('login')) {
    const loginLoad = (base: string) => () =>
      runLoad({
        url: `${base}/api/auth/login`,
        // A storm of 20 takes seconds to reach its steady state on a loaded machine.
        seconds: SECONDS * 2,
        method: 'POST',
        connections: 20,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: seeded.user.email, password: PASSWORD }),
      });
    const loopDelays: number[] = [];
    const easelLogin = async () => {
      easel.child.send('reset');
      const result = await loginLoad(easel.url)();
      loopDelays.push((await ask<{ p99: number }>(easel.child, 'stats')).p99);
      return result;
    };
    const argon2 = () => measureArgon2(20, SECONDS * 2);
    const row = await compare(
      'POST /api/auth/login vs raw argon2id verifies (20 concurrent)',
      [
        { label: 'easel', run: easelLogin },
        { label: 'argon2id', run: argon2 },
      ],
      { target: 0.9 },
    );
    row.eventLoopDelayP99Ms = round2(median(loopDelays));
    row.met = row.met === true && row.eventLoopDelayP99Ms < 10;
    rows.push(row);
    rows.push(
      await compare('POST /api/auth/login vs baseline', [
        { label: 'easel', run: loginLoad(easel.url) },
        { label: 'baseline', run: loginLoad(baseline.url) },
      ]),
    );
  }

  if (wanted('trivial') || wanted('context')) {
    const expressServer = await startChild('express', env);
    started.push(stopChild(expressServer));
    rows.push(
      await compare(
        'trivial authenticated route: Easel /healthz with a token vs bare Express 5 route',
        [
          { label: 'easel', run: get(easel.url, '/healthz', asUser) },
          { label: 'express', run: get(expressServer.url, '/token', asUser) },
        ],
        { target: 0.9 },
      ),
    );
    if (wanted('context')) {
      const token = await startChild('token', env);
      const fastify = await startChild('fastify', env);
      started.push(stopChild(token), stopChild(fastify));
      const flask = await startFlask(env);
      const sides = [
        { label: 'node:http + jsonwebtoken', run: get(token.url, '/token', asUser) },
        { label: 'Fastify 5', run: get(fastify.url, '/token', asUser) },
        { label: 'Express 5, no middleware', run: get(expressServer.url, '/token', asUser) },
        { label: 'Easel /healthz + token', run: get(easel.url, '/healthz', asUser) },
      ];
      if (typeof flask === 'string') notes.push(`Flask + PyJWT: ${flask}`);
      else {
        started.push(flask);
        sides.push({ label: 'Flask + PyJWT, gunicorn -w 2', run: get(flask.url, '/token', asUser) });
      }
      const row = await compare('the same token-only endpoint', sides);
      row.context = true;
      rows.push(row);
    }
  }

  if (wanted('log')) {
    // The request log stays; this states its cost: the same build with and without it.
    const quiet = await startProduction({ ...env, LOG_LEVEL: 'warn' });
    started.push(quiet);
    rows.push(
      await compare('request log cost: GET /api/users/me with the log vs LOG_LEVEL=warn', [
        { label: 'with log', run: get(easel.url, '/api/users/me', asUser) },
        { label: 'without', run: get(quiet.url, '/api/users/me', asUser) },
      ]),
    );
  }

  if (wanted('cluster')) {
    const two = await startProduction(env, { workers: 2 });
    started.push(two);
    rows.push(
      await compare(
        'two processes (node:cluster) vs one, GET /api/users/me',
        [
          { label: 'two', run: get(two.url, '/api/users/me', asUser) },
          { label: 'one', run: get(easel.url, '/api/users/me', asUser) },
        ],
        { target: 1.6 },
      ),
    );
  }
} catch (error) {
  notes.push(`the run stopped early: ${error instanceof Error ? error.message : String(error)}`);
  log(`stopped early: ${String(error)}`);
} finally {
  for (const s of started.reverse()) await s.stop();
  await database.drop();
  await rm(env.LOG_DIR, { recursive: true, force: true });
}
await writeReport({ rows, notes, seconds: SECONDS, rounds: ROUNDS, postgres: database.version, loadBefore });
