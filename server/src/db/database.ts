import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { applyMigrations } from './migrations.ts';

export interface DatabaseLocation {
  url: string;
  /** Stops what the app started (the embedded server); a no-op for an external database. */
  stop(): Promise<void>;
}

/**
 * Where the data lives: DATABASE_URL as given, or the embedded PostgreSQL, which the app owns
 * and migrates at start. An external database is migrated at start only with MIGRATE_ON_START
 * (several instances starting together apply each migration once: the runner holds Prisma
 * Migrate's advisory lock), else by `npm run db:migrate`.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    if (config.migrateOnStart) logApplied(logger, await applyMigrations(config.databaseUrl));
    return { url: config.databaseUrl, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, logger);
  try {
    logApplied(logger, await applyMigrations(embedded.url));
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  logger.info(`embedded PostgreSQL ready (data in ${embedded.dataDir})`);
  return embedded;
}

function logApplied(logger: Logger, applied: string[]): void {
  if (applied.length) logger.info(`applied migrations: ${applied.join(', ')}`);
}
