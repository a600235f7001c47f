import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

// The rules npm run lint enforces (docs/architecture.md, "Module map").
const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs the rules over a tiny tree laid out like the repository: path -> source. */
async function violationsIn(files: Record<string, string>): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'easel-module-map-'));
  scratch.push(root);
  for (const [path, source] of Object.entries(files)) {
    await mkdir(join(root, dirname(path)), { recursive: true });
    await writeFile(join(root, path), source);
  }
  const previous = process.cwd();
  process.chdir(root);
  try {
    const roots = [...new Set(Object.keys(files).map((path) => path.split('/')[0] ?? ''))];
    const { output } = await cruise(roots, {
      validate: true,
      ruleSet: { forbidden: rules.forbidden },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: 'specify',
    });
    const result = output as ICruiseResult;
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  } finally {
    process.chdir(previous);
  }
}

describe('the module map', () => {
  it('fails a feature that imports another feature', async () => {
    const found = await violationsIn({
      'server/src/users/users.service.ts': 'export const listUsers = 1;\n',
      'server/src/drawings/drawings.service.ts': "export { listUsers } from '../users/users.service.ts';\n",
    });
    expect(found).toEqual([
      'features-do-not-import-each-other: server/src/drawings/drawings.service.ts -> server/src/users/users.service.ts',
    ]);
  });

  it('fails a cycle, a lower layer reaching up, and a client import of the server beyond the contract', async () => {
    const found = await violationsIn({
      'server/src/http/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
      'server/src/http/b.ts': "import { a } from './a.ts';\nexport const b = a;\n",
      'server/src/identity/guards.ts': 'export const guard = 1;\n',
      'server/src/user-model/user-model.ts': "export { guard } from '../identity/guards.ts';\n",
      'server/src/config.ts': 'export const config = 1;\n',
      'server/src/contract/index.ts': 'export const contract = 1;\n',
      'client/src/main.ts': "import '../../server/src/contract/index.ts';\nimport '../../server/src/config.ts';\n",
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-circular: server\/src\/http\/(a|b)\.ts/),
        'shared-models-below-identity: server/src/user-model/user-model.ts -> server/src/identity/guards.ts',
        'client-imports-only-the-contract: client/src/main.ts -> server/src/config.ts',
      ]),
    );
    expect(found.some((v) => v.includes('-> server/src/contract/'))).toBe(false);
  });

  it('allows a feature to use the lower layers and the application context', async () => {
    const found = await violationsIn({
      'server/src/contract/index.ts': 'export const contract = 1;\n',
      'server/src/http/routes.ts': "export { contract } from '../contract/index.ts';\n",
      'server/src/identity/guards.ts': "export { contract } from '../contract/index.ts';\n",
      'server/src/app-context.ts': "export { contract } from './identity/guards.ts';\n",
      'server/src/drawings/drawings.routes.ts': [
        "import '../http/routes.ts';",
        "import '../identity/guards.ts';",
        "import '../app-context.ts';",
        "import './drawings.service.ts';",
      ].join('\n'),
      'server/src/drawings/drawings.service.ts': 'export const x = 1;\n',
    });
    expect(found).toEqual([]);
  });
});
