/**
 * `npm run bench:canvas`: frames per second of the editor's canvas while panning, wheel-zooming
 * and dragging one shape, at 1,000 / 5,000 / 20,000 mixed shapes, next to plain Canvas 2D
 * redrawing the same shapes every frame in the same run. Builds the harness page
 * (client/src/editor/bench-harness/) with Vite, serves it with `vite preview`, drives it in
 * Debian's Chromium (headless, software rendering) and writes the table into docs/editor.md.
 * Not part of `npm test`. BENCH_COUNTS=1000,5000 narrows the run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import { build, preview } from 'vite';

type Scenario = 'pan' | 'zoom' | 'drag';
/** What the harness page puts on `window` (the root tsconfig has no DOM types). */
interface HarnessGlobals {
  benchReady?: boolean;
  runBench?: (scenario: Scenario) => Promise<BenchResult>;
}

interface BenchResult {
  fps: number;
  frames: number;
  worstFrameMs: number;
  startMs?: number;
}

/** How long after the drawing opens the gesture starts, as a user would look before panning. */
const SETTLE_MS = 1_500;

const COUNTS = (process.env.BENCH_COUNTS ?? '1000,5000,20000').split(',').map(Number);
const SCENARIOS: Scenario[] = ['pan', 'zoom', 'drag'];
const VIEWPORT = { width: 1280, height: 800 };
const harnessRoot = fileURLToPath(new URL('../client/src/editor/bench-harness/', import.meta.url));
const docsFile = fileURLToPath(new URL('../docs/editor.md', import.meta.url));
const MARK_START = '<!-- canvas-bench:start -->';
const MARK_END = '<!-- canvas-bench:end -->';

async function serveHarness() {
  const outDir = await mkdtemp(join(tmpdir(), 'easel-canvas-bench-'));
  const quiet = { configFile: false as const, root: harnessRoot, logLevel: 'warn' as const };
  await build({ ...quiet, base: './', plugins: [react()], build: { outDir, chunkSizeWarningLimit: 4000 } });
  const server = await preview({ ...quiet, build: { outDir }, preview: { host: '127.0.0.1', port: 4390 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  const close = async () => {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
  return { url, close };
}

async function measure(browser: Browser, url: string, mode: 'raw' | 'editor', n: number, scenario: Scenario) {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    page.on('pageerror', (error) => console.error(`page error (${mode} ${n} ${scenario}):`, error.message));
    await page.goto(`${url}?mode=${mode}&n=${n}`);
    await page.waitForFunction(() => (globalThis as unknown as HarnessGlobals).benchReady === true, undefined, {
      timeout: 60_000,
    });
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate((s) => (globalThis as unknown as HarnessGlobals).runBench!(s), scenario);
  } finally {
    await page.close();
  }
}

const fmt = (value: number) => value.toFixed(1);

function tableOf(rows: { n: number; scenario: Scenario; raw: BenchResult; editor: BenchResult }[]): string {
  const lines = [
    '| Shapes | Gesture | Raw Canvas 2D fps | Editor fps | Editor / raw | Editor worst frame (ms) | Editor start (ms) |',
    '| -----: | ------- | ----------------: | ---------: | -----------: | ----------------------: | ----------------: |',
  ];
  for (const { n, scenario, raw, editor } of rows) {
    const ratio = `${(editor.fps / raw.fps).toFixed(2)}x`;
    const cells = [
      n.toLocaleString('en'),
      scenario,
      fmt(raw.fps),
      fmt(editor.fps),
      ratio,
      fmt(editor.worstFrameMs),
      fmt(editor.startMs ?? Number.NaN),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function writeDocs(table: string, browserVersion: string): Promise<void> {
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:canvas\` (${browserVersion}, headless, software rendering, ${VIEWPORT.width}x${VIEWPORT.height}).`;
  const section = `${MARK_START}\n${stamp}\n\n${table}\n${MARK_END}`;
  const current = await readFile(docsFile, 'utf8').catch(() => '');
  const start = current.indexOf(MARK_START);
  const end = current.indexOf(MARK_END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + MARK_END.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  // Formatted as `npm run lint` expects (prettier aligns the table's columns).
  const options = (await resolveConfig(docsFile)) ?? {};
  await writeFile(docsFile, await format(next, { ...options, filepath: docsFile }));
}

const server = await serveHarness();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
});
try {
  const rows = [];
  for (const n of COUNTS) {
    for (const scenario of SCENARIOS) {
      const raw = await measure(browser, server.url, 'raw', n, scenario);
      const editor = await measure(browser, server.url, 'editor', n, scenario);
      console.error(`${n} ${scenario}: raw ${fmt(raw.fps)} fps, editor ${fmt(editor.fps)} fps`);
      rows.push({ n, scenario, raw, editor });
    }
  }
  const table = tableOf(rows);
  console.log(table);
  await writeDocs(table, `Chromium ${browser.version()}`);
  console.error(`bench: table written to ${docsFile}`);
} finally {
  await browser.close();
  await server.close();
}
