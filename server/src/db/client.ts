import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/** The app's one PrismaClient, on the pg driver adapter (no Rust query engine). */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Waiting longer than this for a connection (pool exhausted, server gone) fails the request.
    connectionTimeoutMillis: 10_000,
  });
  return new PrismaClient({ adapter });
}

/** True when a trivial query succeeds. */
export function pingDb(db: Db): Promise<boolean> {
  return db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}
