import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import winston from 'winston';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { createTemplate, dropRunDatabases, newRunId, withDatabase } from './databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    databaseTemplate: string;
    databasePrefix: string;
    databaseTarget: 'embedded' | 'server';
  }
}

/**
 * Runs once per test run per project: brings up the target PostgreSQL, applies the migrations
 * to a template database, and tells the test files where it is. `EASEL_TEST_TARGET` picks the
 * embedded server (default) or the machine's server at `EASEL_TEST_PG_URL`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = project.config.env.EASEL_TEST_TARGET === 'server' ? 'server' : 'embedded';
  const prefix = `easel_t_${newRunId()}`;
  const { adminUrl, stop } = target === 'server' ? useMachineServer(project) : await startTestEmbedded();
  await createTemplate(adminUrl, `${prefix}_template`);
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('databaseTemplate', `${prefix}_template`);
  project.provide('databasePrefix', prefix);
  project.provide('databaseTarget', target);
  return async () => {
    await dropRunDatabases(adminUrl, prefix);
    await stop();
  };
}

function useMachineServer(project: TestProject) {
  const adminUrl = project.config.env.EASEL_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  return { adminUrl, stop: async () => {} };
}

async function startTestEmbedded() {
  // A run gets its own cluster in a temp folder the postgres user can reach.
  const dataDir = await mkdtemp(join(tmpdir(), 'easel-test-db-'));
  await chmod(dataDir, 0o755);
  const logger = winston.createLogger({ silent: true });
  const embedded = await startEmbeddedPostgres(dataDir, logger);
  return {
    adminUrl: withDatabase(embedded.url, 'postgres'),
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
