/**
 * The benchmark's outputs: bench/results.json (every round) and the table in
 * docs/benchmarks.md, written between its `results` markers so the notes around it stay.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

export interface Side {
  label: string;
  requestsPerSecond: number[];
  median: number;
  errors: number;
  latencyP99Ms: number;
}

export interface Row {
  name: string;
  sides: Side[];
  /** Median over the rounds of first side / second side. */
  ratio: number;
  ratios: number[];
  target?: number;
  met?: boolean | undefined;
  eventLoopDelayP99Ms?: number;
  context?: boolean;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export async function writeReport(run: {
  rows: Row[];
  notes: string[];
  seconds: number;
  rounds: number;
  postgres: string;
  loadBefore: number[];
}): Promise<void> {
  const { version } = JSON.parse(await readFile(`${root}node_modules/express/package.json`, 'utf8')) as {
    version: string;
  };
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageBefore: run.loadBefore.map((n) => Math.round(n * 10) / 10),
    loadAverageAfter: loadavg().map((n) => Math.round(n * 10) / 10),
  };
  const versions = { node: process.version, postgres: run.postgres, express: version };
  const command = `BENCH_SECONDS=${run.seconds} BENCH_ROUNDS=${run.rounds} npm run bench`;
  const results = { date: new Date().toISOString(), command, machine, versions, rows: run.rows, notes: run.notes };
  await writeFormatted(`${root}bench/results.json`, JSON.stringify(results, null, 2));

  const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
  const lines = [
    START,
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC: \`${command}\`; ${machine.cpu}, ${machine.cores} cores,`,
    `${machine.memoryGiB} GiB, load average ${machine.loadAverageBefore.join(' / ')} before and`,
    `${machine.loadAverageAfter.join(' / ')} after (shared machine); Node ${versions.node}, PostgreSQL`,
    `${versions.postgres}, Express ${versions.express}. Requests/s are medians of ${run.rounds} alternating rounds of`,
    `${run.seconds} s; the ratio is the median of the per-round ratios.`,
    '',
    '| Measurement | Easel req/s | Baseline req/s | Ratio (rounds) | Target | Met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...run.rows
      .filter((row) => !row.context)
      .map((row) => {
        const [a, b] = row.sides;
        if (!a || !b) return `| ${row.name} | – | – | not measured (see notes) | ${row.target ?? 'none'} | **no** |`;
        const loop = row.eventLoopDelayP99Ms === undefined ? '' : `; loop delay p99 ${row.eventLoopDelayP99Ms} ms`;
        const errors = (a?.errors ?? 0) + (b?.errors ?? 0);
        return (
          `| ${row.name} | ${fmt(a?.median ?? NaN)} (${a?.label}) | ${fmt(b?.median ?? NaN)} (${b?.label}) | ` +
          `${row.ratio} (${row.ratios.join(', ')})${loop}${errors ? `; ${errors} errors` : ''} | ` +
          `${row.target === undefined ? 'none' : `>= ${row.target}${loop ? ', p99 < 10 ms' : ''}`} | ` +
          `${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`
        );
      }),
    ...run.rows
      .filter((row) => row.context)
      .flatMap((row) => [
        '',
        `Context, ${row.name} (50 connections):`,
        '',
        '| Server | req/s (rounds) |',
        '| --- | --- |',
        ...row.sides.map((s) => `| ${s.label} | ${fmt(s.median)} (${s.requestsPerSecond.map(fmt).join(', ')}) |`),
      ]),
    ...(run.notes.length ? ['', ...run.notes.map((n) => `- ${n}`)] : []),
    END,
  ];
  const docPath = `${root}docs/benchmarks.md`;
  const doc = await readFile(docPath, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`);
  const [before = '', rest = ''] = doc.split(START);
  const after = rest.split(END)[1] ?? '';
  await writeFormatted(docPath, `${before}${lines.join('\n')}${after}`);
  console.log(lines.join('\n'));
}

/** Written as `npm run lint` expects it, so a bench run leaves the tree lint-clean. */
async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  await writeFile(path, await prettier.format(text, { ...options, filepath: path }));
}
