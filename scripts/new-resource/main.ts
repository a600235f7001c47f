/**
 * `npm run new:resource -- <name> [--plural <plural>]`: a new owner-scoped, paginated resource,
 * built the way drawings is: contract shapes, a feature folder (routes in the registry, schemas,
 * service returning Outcomes, serializer, tests), the Prisma model and its migration, the line in
 * app.ts, a Postman folder and a docs page. Then `prisma generate`, so it type-checks at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { assembleCollection, COLLECTION_FILE } from '../postman.ts';
import { resourceNames, type ResourceNames } from './names.ts';
import { postmanFolder } from './postman-folder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));

/** `__Pascal__` and friends in a template, longest names first so `__PascalPlural__` wins over `__Pascal__`. */
function fill(template: string, n: ResourceNames, extra: Record<string, string> = {}): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const values: Record<string, string> = {
    ...extra,
    PascalPlural: n.pascalPlural,
    Pascal: n.pascal,
    camelPlural: n.camelPlural,
    camel: n.camel,
    kebabPlural: n.kebabPlural,
    kebab: n.kebab,
    snakePlural: n.snakePlural,
    CONSTANT: n.constant,
    WordsPlural: cap(n.wordsPlural),
    wordsPlural: n.wordsPlural,
    Words: cap(n.words),
    words: n.words,
  };
  return template.replace(/__([A-Za-z]+)__/g, (match, key: string) => values[key] ?? match);
}

async function formatted(file: string, text: string): Promise<string> {
  if (!/\.(ts|json|md)$/.test(file)) return text;
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

/** `20261130001500`: the migration folder's UTC timestamp, as db:migration:create names them. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** After the highest folder below the admin one (90, which runs last): the next ten, else the next number. */
async function postmanFileName(n: ResourceNames): Promise<string> {
  const names = await readdir(join(ROOT, 'postman/src/folders'));
  const used = names.map((name) => Number.parseInt(name, 10)).filter((x) => Number.isFinite(x) && x < 90);
  const top = Math.max(0, ...used);
  const tens = Math.ceil((top + 1) / 10) * 10;
  const next = tens < 90 ? tens : top + 1;
  if (next >= 90) throw new Error('no free Postman folder number below 90: renumber postman/src/folders');
  return `${String(next).padStart(2, '0')}-${n.kebabPlural}.json`;
}

/** Adds the relation field to `model User` and the new model at the end of schema.prisma. */
function addModel(schema: string, n: ResourceNames, model: string): string {
  const user = /^model User \{\n([\s\S]*?)^\}/m.exec(schema);
  if (!user) throw new Error('prisma/schema.prisma: no `model User` to add the relation to');
  const lines = user[1]!.split('\n');
  const lastList = lines.findLastIndex((line) => /^\s+\w+\s+\w+\[\]/.test(line));
  if (lastList < 0) throw new Error('prisma/schema.prisma: no list field in `model User` to add the relation after');
  const width = /^(\s+\w+\s+)/.exec(lines[lastList]!)![1]!.length;
  lines.splice(
    lastList + 1,
    0,
    `  ${n.camelPlural}`.padEnd(Math.max(width, n.camelPlural.length + 3)) + `${n.pascal}[]`,
  );
  const start = user.index + 'model User {\n'.length;
  const withRelation = schema.slice(0, start) + lines.join('\n') + schema.slice(start + user[1]!.length);
  return `${withRelation.trimEnd()}\n${model}`;
}

/** The import and the registry line in app.ts. */
function register(app: string, n: ResourceNames): string {
  const importLine = `import { ${n.camelPlural}Feature } from './${n.kebabPlural}/${n.kebabPlural}.routes.ts';`;
  const imports = [...app.matchAll(/^import .*;$/gm)];
  const lastImport = imports.at(-1);
  if (!lastImport) throw new Error('server/src/app.ts: no imports found');
  const afterImports = lastImport.index + lastImport[0].length;
  let text = `${app.slice(0, afterImports)}\n${importLine}${app.slice(afterImports)}`;
  // The list `listFeatures` returns, or builds first (`const features: Feature[] = [`).
  const registry =
    /(export function listFeatures\([^)]*\)[^{]*\{\s*(?:return|const \w+(?:: [\w[\]]+)? =) \[[\s\S]*?)(\n\s*\];)/.exec(
      text,
    );
  if (!registry) throw new Error('server/src/app.ts: no list of features in `listFeatures`');
  const at = registry.index + registry[1]!.length;
  text = `${text.slice(0, at)}\n    ${n.camelPlural}Feature(ctx),${text.slice(at)}`;
  return text;
}

function addContractExport(index: string, n: ResourceNames): string {
  const line = `export * from './${n.kebabPlural}.ts';`;
  const lines = index.trimEnd().split('\n');
  const exports = lines.filter((l) => l.startsWith('export * from'));
  const before = exports.find((l) => l > line);
  const at = before ? lines.indexOf(before) : lines.lastIndexOf(exports.at(-1)!) + 1;
  lines.splice(at, 0, line);
  return `${lines.join('\n')}\n`;
}

export interface GenerateOptions {
  plural?: string | undefined;
  now?: Date;
  /** Run `prisma generate` afterwards (default true). */
  generateClient?: boolean;
}

/** Writes the resource into the repository this script belongs to; returns the paths it touched. */
export async function generateResource(name: string, options: GenerateOptions = {}): Promise<string[]> {
  const n = resourceNames(name, options.plural);
  const at = (path: string) => join(ROOT, path);
  const feature = `server/src/${n.kebabPlural}`;
  const contract = `server/src/contract/${n.kebabPlural}.ts`;
  const schemaFile = 'prisma/schema.prisma';
  const schema = await readFile(at(schemaFile), 'utf8');
  if (existsSync(at(feature)) || existsSync(at(contract)) || new RegExp(`^model ${n.pascal} \\{`, 'm').test(schema)) {
    throw new Error(`${n.kebabPlural} exists already (${feature}, ${contract} or model ${n.pascal})`);
  }
  const template = (file: string) => readFile(join(TEMPLATES, file), 'utf8');
  const postmanFile = await postmanFileName(n);
  const migration = `prisma/migrations/${timestamp(options.now ?? new Date())}_create_${n.snakePlural}/migration.sql`;

  const files: Record<string, string> = {
    [contract]: fill(await template('contract.ts.tmpl'), n),
    [`${feature}/${n.kebabPlural}.schemas.ts`]: fill(await template('schemas.ts.tmpl'), n),
    [`${feature}/${n.kebabPlural}.serializer.ts`]: fill(await template('serializer.ts.tmpl'), n),
    [`${feature}/${n.kebabPlural}.service.ts`]: fill(await template('service.ts.tmpl'), n),
    [`${feature}/${n.kebabPlural}.routes.ts`]: fill(await template('routes.ts.tmpl'), n),
    [`${feature}/${n.kebabPlural}.test.ts`]: fill(await template('test.ts.tmpl'), n),
    [migration]: fill(await template('migration.sql.tmpl'), n),
    [`docs/${n.kebabPlural}.md`]: fill(await template('docs.md.tmpl'), n, { postmanFile }),
    [`postman/src/folders/${postmanFile}`]: `${JSON.stringify(postmanFolder(n), null, 2)}\n`,
    [schemaFile]: addModel(schema, n, fill(await template('model.prisma.tmpl'), n)),
    'server/src/app.ts': register(await readFile(at('server/src/app.ts'), 'utf8'), n),
    'server/src/contract/index.ts': addContractExport(await readFile(at('server/src/contract/index.ts'), 'utf8'), n),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(at(path)), { recursive: true });
    await writeFile(at(path), await formatted(at(path), text));
  }
  await writeFile(COLLECTION_FILE, await assembleCollection());
  const touched = [...Object.keys(files), relative(ROOT, COLLECTION_FILE)];

  if (options.generateClient !== false) {
    const prisma = spawnSync(join(ROOT, 'node_modules/.bin/prisma'), ['generate'], { cwd: ROOT, encoding: 'utf8' });
    if (prisma.status !== 0) throw new Error(`prisma generate failed:\n${prisma.stdout}${prisma.stderr}`);
  }
  return touched;
}

function parseArgs(argv: string[]): { name: string | undefined; plural: string | undefined } {
  const pluralAt = argv.indexOf('--plural');
  const plural = pluralAt >= 0 ? argv[pluralAt + 1] : undefined;
  const rest = pluralAt < 0 ? argv : argv.filter((_, i) => i !== pluralAt && i !== pluralAt + 1);
  return { name: rest.find((a) => !a.startsWith('-')), plural };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { name, plural } = parseArgs(process.argv.slice(2));
  if (!name || process.argv.includes('--help')) {
    console.log(
      'usage: npm run new:resource -- <singular-name> [--plural <plural>]   e.g. npm run new:resource -- bookmark',
    );
    process.exit(name ? 0 : 2);
  }
  try {
    const touched = await generateResource(name, { plural });
    const n = resourceNames(name, plural);
    console.log(`created /api/${n.kebabPlural}:\n${touched.map((p) => `  ${p}`).join('\n')}`);
    console.log(
      `next: npx vitest run server/src/${n.kebabPlural}/   (npm run dev applies the migration to the embedded database;\n` +
        '      your own database: npm run db:migrate). Edit the fields in the contract, the model and the migration together.',
    );
  } catch (error) {
    console.error(`new:resource: ${(error as Error).message}`);
    process.exit(1);
  }
}
