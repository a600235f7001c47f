/**
 * `npm run db:*`: database chores against DATABASE_URL, or against the embedded PostgreSQL
 * (started for the duration of the command) when DATABASE_URL is unset.
 *   tsx scripts/db.ts migrate deploy | migrate reset --force | migrate status   (Prisma CLI)
 *   tsx scripts/db.ts create-migration <name>   (schema.prisma -> new migration folder)
 *   tsx scripts/db.ts seed                      (first admin)
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../prisma/seed.ts';
import { loadConfig, loadDotEnvForDevelopment } from '../server/src/config.ts';
import { createDb } from '../server/src/db/client.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { EmbeddedDatabaseBusyError } from '../server/src/db/embedded-postgres.ts';
import { MIGRATIONS_DIR } from '../server/src/db/migrations.ts';
import { closeLogger, createLogger } from '../server/src/logger.ts';

loadDotEnvForDevelopment();
const config = loadConfig();
const logger = createLogger({ ...config, log: { ...config.log, level: 'info' } });
const [command = '', ...rest] = process.argv.slice(2);

// The embedded database is migrated as it starts, exactly as when the app starts it.
const database = await openDatabase(config, logger).catch((error: unknown) => refuseWhenBusy(error));
const databaseUrl = database.url;
let status: number;
try {
  if (command === 'seed') status = await runSeed(databaseUrl);
  else if (command === 'create-migration') status = await createMigration(rest[0], databaseUrl);
  else status = runPrisma([command, ...rest], databaseUrl);
} finally {
  await database.stop();
  await closeLogger(logger);
}
process.exit(status);

/**
 * The usual case is `npm run dev` still running: one line that says so and what to do, not the
 * stack trace of an expected refusal. Anything else is unexpected and keeps its stack.
 */
async function refuseWhenBusy(error: unknown): Promise<never> {
  if (!(error instanceof EmbeddedDatabaseBusyError)) throw error;
  console.error(
    `Cannot run "${[command, ...rest].join(' ')}": the embedded database in ${error.clusterDir} is in use by pid ${error.pid} ` +
      `(${error.command}). Stop that process (npm run dev: Ctrl-C in its terminal), then try again.`,
  );
  await closeLogger(logger);
  process.exit(1);
}

function runPrisma(prismaArgs: string[], url: string): number {
  const bin = new URL('../node_modules/.bin/prisma', import.meta.url).pathname;
  const result = spawnSync(bin, prismaArgs, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
  return result.status ?? 1;
}

/**
 * `prisma migrate dev` does not work on 6.19's WASM engine (it never asks the adapter for a
 * shadow database), so diff the migration history against schema.prisma instead. The SQL goes
 * to a temp file first: an empty folder under prisma/migrations breaks every later command.
 */
async function createMigration(name: string | undefined, url: string): Promise<number> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration:create -- <name_in_snake_case>');
    return 2;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'easel-migration-'));
  const sqlFile = join(scratch, 'migration.sql');
  const diff = [
    'migrate',
    'diff',
    '--from-migrations',
    MIGRATIONS_DIR,
    '--to-schema-datamodel',
    'prisma/schema.prisma',
  ];
  const status = runPrisma([...diff, '--script', '--output', sqlFile], url);
  const sql = status === 0 ? await readFile(sqlFile, 'utf8') : '';
  if (status === 0 && /^\s*(--.*\s*)*$/.test(sql))
    console.log('schema.prisma matches the migrations: nothing to create');
  else if (status === 0) {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir);
    await rename(sqlFile, join(dir, 'migration.sql'));
    console.log(`created ${dir}/migration.sql: review it, then commit it`);
  }
  await rm(scratch, { recursive: true, force: true });
  return status;
}

async function runSeed(url: string): Promise<number> {
  const db = createDb(url);
  try {
    const result = await seedDatabase(db, {
      adminEmail: config.admin.email,
      adminPassword: config.admin.password,
      hashing: config.auth.argon2,
    });
    console.log(
      result.adminCreated ? `Created admin ${result.adminEmail}` : `Admin ${result.adminEmail} already exists`,
    );
    // Printed to the terminal once, on purpose; never logged.
    if (result.generatedPassword) console.log(`Generated admin password (shown once): ${result.generatedPassword}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
