/**
 * One load run against a loopback URL: wrk when installed (C, cheap on the client side, so the
 * server gets the CPU), otherwise autocannon. Results are normalized to the same shape.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  tool: 'wrk' | 'autocannon';
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  errors: number;
}

// Asked at each run, not at import: the bench installs wrk after this module is loaded.
const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!options.url.startsWith('http://127.0.0.1')) throw new Error('load tests target loopback only');
  return hasWrk() ? Promise.resolve(runWrk(options)) : runAutocannon(options);
}

function runWrk(o: LoadOptions): LoadResult {
  const script = join(mkdtempSync(join(tmpdir(), 'easel-wrk-')), 'request.lua');
  const headers = Object.entries(o.headers ?? {})
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  // Count non-2xx answers so a broken run cannot pass for a fast one.
  writeFileSync(
    script,
    `wrk.method = "${o.method ?? 'GET'}"\n${o.body ? `wrk.body = ${JSON.stringify(o.body)}\n` : ''}${headers}\n` +
      'local bad = 0\nfunction response(status) if status >= 300 then bad = bad + 1 end end\n' +
      'function done() io.write("NON2XX " .. bad .. "\\n") end\n',
  );
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '30s', '--latency', '-s', script, o.url],
    {
      encoding: 'utf8',
    },
  );
  const ms = (label: string) => toMs(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out));
  return {
    tool: 'wrk',
    requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    latencyMs: { p50: ms('50'), p99: ms('99') },
    errors: Number(/NON2XX (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors:.*timeout (\d+)/.exec(out)?.[1] ?? 0),
  };
}

function toMs(match: RegExpExecArray | null): number {
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

function runAutocannon(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: o.url,
        duration: o.seconds,
        connections: o.connections,
        method: o.method ?? 'GET',
        headers: o.headers,
        body: o.body,
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({
              tool: 'autocannon',
              requestsPerSecond: Math.round(r.requests.average),
              latencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
              errors: r.non2xx + r.errors,
            }),
    ),
  );
}

/**
 * A request that depends on the answer to the previous one of the same session: a refresh
 * presents the token the last one issued, a PUT the version the last one returned. Each request
 * takes a session from the pool and puts it back updated, so sessions >= connections keeps every
 * connection busy. Runs on autocannon (wrk cannot carry state per connection).
 */
export interface ChainedLoadOptions<S> {
  url: string;
  seconds: number;
  connections: number;
  method: 'GET' | 'POST' | 'PUT';
  sessions: S[];
  request(session: S): { path: string; headers: Record<string, string>; body?: string };
  /** The session to put back after a 2xx answer; header names in lower case. */
  next(session: S, body: string, headers: Record<string, string | string[]>): S;
}

const dead = new WeakSet<object>();

export function runChainedLoad<S extends object>(o: ChainedLoadOptions<S>): Promise<LoadResult> {
  if (!o.url.startsWith('http://127.0.0.1')) throw new Error('load tests target loopback only');
  if (o.sessions.length < o.connections) throw new Error('give at least one session per connection');
  if (o.sessions.every((s) => dead.has(s))) throw new Error('every session was refused');
  // A session whose answer was lost (in flight when a run ended) is stale on the server: it is
  // refused once and dropped, so give a few more sessions than connections per run.
  const live = o.sessions.filter((s) => !dead.has(s));
  const pool = [...live];
  let spare = 0;
  type Context = { session?: S };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        duration: o.seconds,
        connections: o.connections,
        timeout: 30,
        requests: [
          {
            method: o.method,
            setupRequest: (req: object, context: Context) => {
              // A request that timed out never gave its session back: reuse one (it may be refused,
              // which counts as an error) rather than stall the run.
              const session = pool.shift() ?? live[spare++ % live.length]!;
              context.session = session;
              const { path, headers, body } = o.request(session);
              return { ...req, path, headers, body };
            },
            onResponse: (
              status: number,
              body: string,
              context: Context,
              headers: Record<string, string | string[]>,
            ) => {
              const session = context.session as S;
              // Raw header names keep the server's case (Express writes `ETag`, `Set-Cookie`).
              const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
              if (status < 300) pool.push(o.next(session, body, lower));
              else dead.add(session);
            },
          },
        ],
      } as autocannon.Options,
      (err, r) => {
        clearTimeout(watchdog);
        if (err) return reject(err);
        resolve({
          tool: 'autocannon',
          requestsPerSecond: Math.round(r.requests.average),
          latencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
          errors: r.non2xx + r.errors,
        });
      },
    );
    // Bounded whatever happens to the server: stop() still reports what was measured.
    const watchdog = setTimeout(() => instance.stop(), (o.seconds + 40) * 1000);
  });
}
