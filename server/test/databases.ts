import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../src/db/migrations.ts';

/** Swaps the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a migrated template database once per run; each test file clones it (fast). */
export async function createTemplate(adminUrl: string, name: string): Promise<void> {
  await runSql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await runSql(adminUrl, `CREATE DATABASE "${name}"`);
  await applyMigrations(withDatabase(adminUrl, name));
}

/** Drops every database this run created (the template and its clones). */
export async function dropRunDatabases(adminUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'",
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
