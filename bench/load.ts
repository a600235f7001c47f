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
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  tool: 'wrk' | 'autocannon';
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  errors: number;
}

const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!options.url.startsWith('http://127.0.0.1')) throw new Error('load tests target loopback only');
  return hasWrk ? Promise.resolve(runWrk(options)) : runAutocannon(options);
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
  const out = execFileSync('wrk', ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--latency', '-s', script, o.url], {
    encoding: 'utf8',
  });
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
        method: o.method,
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
