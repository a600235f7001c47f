import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/** The app's one PrismaClient, on the pg driver adapter (no Rust query engine). */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail fast so /readyz answers 503 instead of hanging when the database is gone.
    connectionTimeoutMillis: 2_000,
  });
  return new PrismaClient({ adapter });
}

/** True when a trivial query succeeds within the pool's connection timeout. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
