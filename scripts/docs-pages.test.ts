/**
 * Every command docs/getting-started.md shows is checked, and the page cannot gain a command this
 * file does not know. A command is proven one of three ways, the cheapest that is real:
 * - run here for real (copying and appending to `.env`, then loading it as the server would);
 * - an npm script: it must exist in package.json, with arguments it accepts; the ones that take
 *   minutes or a database are run for real by the test named next to them (`npm run dev` by
 *   scripts/dev.test.ts, `npm run build && npm start` by the browser tests' webServer, ...);
 * - a tool that is not Easel's (docker, createdb, redis-server, openssl, curl): what it names in
 *   Easel (a compose service, an environment variable, a route) must exist. There is no Docker
 *   engine on the test machines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../server/src/config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const PAGE = 'docs/getting-started.md';
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const ENV_NAMES = new Set(Object.keys(EnvSchema.shape));

/**
 * The commands in the page's ```sh blocks (one per line and per `&&`, comments dropped), then the
 * npm commands it names in running text (`npm run db:generate`), each once.
 */
function commandsIn(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  const inBlocks = blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+&&\s+/));
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const inText = [
    ...prose.matchAll(/`((?:NODE_ENV=\w+ )?npm (?:run [\w:*-]+(?: -- [^`]+)?|test|start|install|ci)(?: && [^`]+)?)`/g),
  ].flatMap((m) => m[1]!.split(/\s+&&\s+/));
  return [...new Set([...inBlocks, ...inText])];
}

/** The test that runs a slow npm script for real, and the text that shows it does. */
const RUN_BY: Record<string, [file: string, evidence: RegExp]> = {
  dev: ['scripts/dev.test.ts', /\['npm', 'run', 'dev'\]/],
  'db:seed': ['scripts/dev.test.ts', /\['npm', 'run', 'db:seed'\]/],
  build: ['playwright.config.ts', /npm run build/],
  start: ['playwright.config.ts', /npm start|dist\/server\/src\/main\.js/],
  'docs:build': ['scripts/docs-site.test.ts', /vitepress/],
  'new:resource': ['scripts/new-resource.test.ts', /'new:resource'/],
};

let scratch = '';
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Returns what proved the command, or throws saying why it is not proven. */
async function prove(command: string): Promise<string> {
  let match: RegExpExecArray | null;
  if (/^npm (install|ci)$/.test(command)) {
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
    return 'the install this test runs on';
  }
  if ((match = /^npm run ([\w:]+)\*$/.exec(command))) {
    expect(Object.keys(scripts).filter((name) => name.startsWith(match![1]!)).length).toBeGreaterThan(1);
    return `package.json: the ${match[1]}* scripts`;
  }
  if ((match = /^(?:NODE_ENV=(\w+) )?npm (?:run (\S+)|(test|start))(?: -- (.*))?$/.exec(command))) {
    const [, nodeEnv, runName, builtIn, args] = match;
    const name = (runName ?? builtIn)!;
    expect(scripts[name], `npm script "${name}"`).toBeDefined();
    if (nodeEnv) expect(EnvSchema.shape.NODE_ENV.safeParse(nodeEnv).success).toBe(true);
    // `<name>` is a placeholder in a table; a real name must be one the script accepts.
    if (name === 'db:migration:create' && args) expect(args).toMatch(/^([a-z0-9_]+|<name>)$/);
    if (name === 'new:resource' && args) expect(args).toMatch(/^([a-z][a-z0-9-]*|<name>)$/);
    const runner = RUN_BY[name];
    if (runner) {
      expect(read(runner[0]), `${runner[0]} runs npm ${name}`).toMatch(runner[1]);
      return `package.json; run by ${runner[0]}`;
    }
    return name === 'test' ? 'this suite' : 'package.json';
  }
  if (command === 'cp .env.example .env') {
    scratch ||= await mkdtemp(join(tmpdir(), 'easel-getting-started-'));
    await copyFile(join(ROOT, '.env.example'), join(scratch, '.env'));
    loadConfig({ ...parseEnv(await readFile(join(scratch, '.env'), 'utf8')), NODE_ENV: 'development' });
    return 'run here; the copy loads as a development configuration';
  }
  if ((match = /^echo '(\w+)=(.*)' >> \.env$/.exec(command))) {
    const [, name, value] = match;
    expect(ENV_NAMES.has(name!), `${name} is a setting of config.ts`).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'development', [name!]: value })).not.toThrow();
    return `run here: ${name} loads`;
  }
  if ((match = /^export (.*)$/.exec(command))) {
    const names = [...match[1]!.matchAll(/(\w+)=/g)].map((m) => m[1]!);
    for (const name of names) expect(ENV_NAMES.has(name), `${name} is a setting of config.ts`).toBe(true);
    return `settings ${names.join(', ')}`;
  }
  if ((match = /^docker compose (.*)$/.exec(command))) {
    const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, unknown> };
    const exec = /^exec (\w+) (.*)$/.exec(match[1]!);
    if (exec) {
      expect(Object.keys(compose.services)).toContain(exec[1]);
      return `service ${exec[1]}; then ${await prove(exec[2]!)}`;
    }
    expect(match[1]).toMatch(/^(up --build -d|ps|down -v|logs \w+|--env-file \S+ up.*)$/);
    return 'docker-compose.yml parses (no Docker engine here)';
  }
  if ((match = /^curl -i http:\/\/127\.0\.0\.1:3000(\/\S+)$/.exec(command))) {
    const routes = ['server/src/health/health.routes.ts'].map(read).join('\n');
    expect(routes).toContain(`path: '${match[1]}'`);
    return `route ${match[1]}`;
  }
  if (/^createdb \w+$/.test(command)) return 'PostgreSQL client tool; the database it names is the next line’s';
  if (command.startsWith('redis-server ')) {
    expect(read('scripts/pretest.sh')).toContain(command);
    return 'the same line scripts/pretest.sh runs under CI';
  }
  throw new Error(`no check for this command: add one to scripts/getting-started.test.ts`);
}

describe(`every command in ${PAGE}`, () => {
  const commands = commandsIn(read(PAGE));

  it('finds the commands (the two README commands among them)', () => {
    expect(commands).toEqual(expect.arrayContaining(['npm install', 'npm run dev', 'npm test']));
    const readme = commandsIn(read('README.md'));
    expect(readme.slice(0, 3)).toEqual(['npm install', 'npm run dev', 'npm test']);
  });

  it.each(commands)('%s', async (command) => {
    expect(await prove(command)).toBeTruthy();
  });
});

describe('docs/configuration.md', () => {
  const page = read('docs/configuration.md');
  const [server = '', outside = ''] = page.split(/^## Variables read outside `config\.ts`$/m);
  const names = (text: string) => [...text.matchAll(/^\| `([A-Za-z0-9_]+)` +\|/gm)].map((m) => m[1]!);

  it('describes every setting config.ts reads, and nothing else, in its tables', () => {
    expect(names(server).sort()).toEqual([...ENV_NAMES].sort());
  });

  it('names, for each variable read outside config.ts, a file that reads it', () => {
    const rows = [...outside.matchAll(/^\| `(\w+)` +\| `([^`]+)` +\|/gm)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, name, file] of rows) expect(read(file!), `${file} reads ${name}`).toContain(name);
  });

  it('matches .env.example: the same settings, each once', () => {
    const example = [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(example.sort()).toEqual([...ENV_NAMES].sort());
  });
});

describe('the README', () => {
  it('shows the Docker Compose command getting-started shows', () => {
    expect(read(PAGE)).toContain('docker compose up --build -d');
    expect(read('README.md')).toContain('docker compose up --build -d');
  });
});

describe('files the pages cite', () => {
  it('exist: every test file and source file named in docs/', async () => {
    const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    const missing = pages.flatMap((page) =>
      [
        ...read(`docs/${page}`).matchAll(
          /`((?:server|client|scripts|postman|prisma|e2e)\/[\w./-]+\.(?:ts|tsx|json|prisma|sh))`/g,
        ),
      ]
        .map((m) => m[1]!)
        // `NN-name.json`, `<feature>/` and make-it-yours.md's example `bookmarks`: not files.
        .filter((file) => !/\bNN\b|\bname\.|<|bookmarks/.test(file) && !existsSync(join(ROOT, file)))
        .map((file) => `${page}: ${file}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('the module map in docs/architecture.md', () => {
  const cruiser = read('.dependency-cruiser.cjs');
  const lower = /const LOWER = '([^']+)'/.exec(cruiser)![1]!.split('|');
  const base = [.../const BASE = '([^']+)'/.exec(cruiser)![1]!.matchAll(/\(([a-z|-]+)\)/g)].flatMap((m) =>
    m[1]!.split('|'),
  );
  const section = /^### Module map\n([\s\S]*?)^#{2,3} /m.exec(read('docs/architecture.md'))![1]!;
  const rows = [...section.matchAll(/^\| (.+?) +\| (.+?) +\|$/gm)].map((m) => m[1]!).slice(2);
  const named = (cell: string) => [...cell.matchAll(/`([\w.-]+?)(?:\/|\.ts)?`/g)].map((m) => m[1]!);
  const layerRows = rows.filter((row) => !row.startsWith('features') && !row.includes('client/'));

  it('names every layer .dependency-cruiser.cjs enforces (generated code aside), and no other', () => {
    const documented = layerRows.flatMap(named).filter((name) => !['app', 'main', 'app-context'].includes(name));
    const enforced = [...new Set([...lower, ...base])].filter((name) => name !== 'generated');
    expect([...new Set(documented)].sort()).toEqual(enforced.sort());
    expect(cruiser).toContain('app-context\\\\.ts');
    expect(cruiser).toMatch(/\(app\|main\)/);
  });

  it('lists as features only folders that exist and sit above the lower layers', () => {
    const features = named(rows.find((row) => row.startsWith('features'))!);
    expect(features.length).toBeGreaterThan(3);
    for (const name of features) {
      expect(existsSync(join(ROOT, 'server/src', name)), `server/src/${name}/`).toBe(true);
      expect(lower).not.toContain(name);
    }
  });
});
