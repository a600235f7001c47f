/**
 * `npm run new:resource` as a developer runs it, in a copy of this repository (node_modules
 * linked, not copied): the generated feature must pass its own tests, the type check, the module
 * map, the migration drift test and the Postman collection check, exactly as a hand-written
 * feature must.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceNames } from './new-resource/names.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Local state and build output stay behind; node_modules is linked. */
const SKIP =
  /^(node_modules|\.git|\.data|logs|dist|client\/dist|docs\/\.vitepress\/(dist|cache)|test-results|playwright-report|coverage)(\/|$)/;

interface Run {
  code: number;
  output: string;
  seconds: number;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  // A clean environment for the nested tools: no trace of this Vitest run.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
  );
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: { ...env, EASEL_TEST_SKIP_SERVER_PG: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          output: `${stdout}\n${stderr}`,
          seconds: (Date.now() - started) / 1000,
        }),
    );
  });
}

let copy = '';
let generated: Run;
let checks: Record<'typecheck' | 'deps' | 'style' | 'tests', Run>;
const started = Date.now();

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'easel-new-resource-'));
  await cp(ROOT, copy, { recursive: true, filter: (source) => !SKIP.test(relative(ROOT, source)) });
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  generated = await run('npm', ['run', 'new:resource', '--', 'shopping-list'], copy);
  if (generated.code !== 0) return;
  const bin = (name: string) => join(copy, 'node_modules/.bin', name);
  const newFiles = ['server/src/shopping-lists', 'server/src/contract/shopping-lists.ts', 'server/src/app.ts'];
  const [typecheck, deps, style, tests] = await Promise.all([
    run(bin('tsc'), ['-p', 'server/tsconfig.json', '--noEmit'], copy),
    run('npm', ['run', 'lint:deps'], copy),
    run(bin('eslint'), newFiles, copy).then(async (lint) => {
      const prettier = await run(bin('prettier'), ['--check', ...newFiles, 'docs/shopping-lists.md', 'postman'], copy);
      return { ...prettier, code: lint.code || prettier.code, output: lint.output + prettier.output };
    }),
    run(
      bin('vitest'),
      [
        'run',
        '--project',
        'server',
        'server/src/shopping-lists/',
        'server/src/db/migrations.test.ts',
        'postman/collection.test.ts',
        'postman/newman.test.ts',
        // Of migrations.test.ts only the drift check (the generated migration is what Prisma would
        // write); of newman.test.ts the run of the whole collection, the new folder included, with
        // every assertion passing (its list of folder names is the project's to extend).
        '-t',
        'no drift|/api/shopping-lists|Postman collection file|passes every assertion',
        // A loaded machine (2 cores, several test runs) makes the Prisma CLI slow, not wrong.
        '--testTimeout=120000',
      ],
      copy,
    ),
  ]);
  checks = { typecheck, deps, style, tests };
  const times = Object.entries(checks).map(([name, r]) => `${name} ${r.seconds.toFixed(0)} s`);
  console.log(
    `new:resource test: ${((Date.now() - started) / 1000).toFixed(0)} s in all (generate ${generated.seconds.toFixed(0)} s; ${times.join(', ')})`,
  );
}, 420_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('npm run new:resource -- shopping-list', () => {
  it('writes the feature, its contract, model, migration, registry line, Postman folder and docs page', async () => {
    expect(generated.code, generated.output).toBe(0);
    const app = await readFile(join(copy, 'server/src/app.ts'), 'utf8');
    expect(app).toContain("import { shoppingListsFeature } from './shopping-lists/shopping-lists.routes.ts';");
    expect(app).toMatch(/listFeatures[\s\S]*shoppingListsFeature\(ctx\),[\s\S]*\];/);
    const schema = await readFile(join(copy, 'prisma/schema.prisma'), 'utf8');
    expect(schema).toMatch(/model User \{[\s\S]*shoppingLists +ShoppingList\[\][\s\S]*?\n\}/);
    expect(schema).toContain('@@map("shopping_lists")');
    expect(generated.output).toMatch(/prisma\/migrations\/\d{14}_create_shopping_lists\/migration\.sql/);
    expect(generated.output).toMatch(/postman\/src\/folders\/[0-8]\d-shopping-lists\.json/);
    expect(generated.output).toContain('docs/shopping-lists.md');
  });

  it('type-checks, keeps to the module map and the code style', () => {
    expect(checks.typecheck.code, checks.typecheck.output).toBe(0);
    expect(checks.deps.code, checks.deps.output).toBe(0);
    expect(checks.style.code, checks.style.output).toBe(0);
  });

  it('passes its own tests, the migration drift test, and newman runs its Postman folder green', () => {
    expect(checks.tests.code, checks.tests.output).toBe(0);
    expect(checks.tests.output).toMatch(/shopping-lists\.test\.ts/);
    expect(checks.tests.output).toMatch(/Test Files +4 passed/);
    expect(checks.tests.output).toMatch(/no drift/);
  });

  it('refuses to generate the same resource twice', async () => {
    const again = await run('npm', ['run', 'new:resource', '--', 'shopping-list'], copy);
    expect(again.code).toBe(1);
    expect(again.output).toContain('shopping-lists exists already');
  });
});

describe('resource names', () => {
  it('derives every spelling from one singular kebab-case name', () => {
    expect(resourceNames('shopping-list')).toMatchObject({
      kebabPlural: 'shopping-lists',
      pascal: 'ShoppingList',
      camelPlural: 'shoppingLists',
      snakePlural: 'shopping_lists',
    });
    expect(resourceNames('category').kebabPlural).toBe('categories');
    expect(resourceNames('box').kebabPlural).toBe('boxes');
    expect(resourceNames('person', 'people').pascalPlural).toBe('People');
  });

  it('refuses names that are not kebab-case or are taken', () => {
    for (const bad of ['Bookmark', 'book_mark', '1st', 'drawing', 'x'.repeat(31)]) {
      expect(() => resourceNames(bad)).toThrow();
    }
  });
});
