import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { runSql, withDatabase } from '../../test/databases.ts';
import { applyMigrations, MIGRATIONS_DIR } from './migrations.ts';

const PRISMA = new URL('../../../node_modules/.bin/prisma', import.meta.url).pathname;

async function emptyDatabase(): Promise<string> {
  const name = `${inject('databasePrefix')}_${randomBytes(4).toString('hex')}`;
  await runSql(inject('databaseAdminUrl'), `CREATE DATABASE "${name}"`);
  return withDatabase(inject('databaseAdminUrl'), name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function prisma(args: string[], url: string) {
  return spawnSync(PRISMA, args, { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
}

describe('the migration history', () => {
  it('applies every migration once, recording Prisma-compatible checksums', async () => {
    const url = await emptyDatabase();
    const applied = await applyMigrations(url);
    const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(applied).toEqual(folders.map((e) => e.name).sort());
    expect(applied[0]).toMatch(/_init$/);
    expect(await applyMigrations(url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string }>(
      url,
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const expected = applied.map((name) => ({
      migration_name: name,
      checksum: createHash('sha256')
        .update(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql')))
        .digest('hex'),
    }));
    expect(rows).toEqual(expected);
    expect(await query(url, 'SELECT name, built_in FROM roles ORDER BY name')).toEqual([
      { name: 'admin', built_in: true },
      { name: 'user', built_in: true },
    ]);
  });

  it('is seen as up to date by the Prisma CLI', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const status = prisma(['migrate', 'status'], url);
    expect(status.stdout).toContain('Database schema is up to date');
    expect(status.status).toBe(0);
  });

  it('matches schema.prisma exactly (no drift)', async () => {
    const url = await emptyDatabase();
    const diff = prisma(
      [
        'migrate',
        'diff',
        '--from-migrations',
        MIGRATIONS_DIR,
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      url,
    );
    expect(diff.stderr + diff.stdout).not.toContain('Error');
    expect(diff.status).toBe(0);
  });

  it('rolls a failing migration back completely and refuses to go on', async () => {
    const url = await emptyDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'easel-migrations-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(join(dir, '29990101000000_broken'));
    writeFileSync(
      join(dir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;',
    );
    await expect(applyMigrations(url, dir)).rejects.toThrow(/29990101000000_broken failed: .*no_such_table/);
    expect(await query(url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    const names = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((r) => r.migration_name)).not.toContain('29990101000000_broken');
  });
});
