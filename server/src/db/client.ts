import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

// The pg pool under each client, for the few hot statements written as SQL (sqlPool).
const pools = new WeakMap<Db, pg.Pool>();

/** The app's one PrismaClient, on the pg driver adapter (no Rust query engine), over one pg pool. */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Waiting longer than this for a connection (pool exhausted, server gone) fails the request.
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server drops (a restart) is replaced at the next checkout; with no
  // listener, the pool's 'error' event would end the process before Prisma attaches its own.
  pool.on('error', () => {});
  // $disconnect ends the pool too.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The pool the client runs on, shared with Prisma, for the hottest statements only (a refresh
 * rotation, the user read behind every `/users/me`): Prisma costs ~200 µs of CPU per query
 * whatever its shape, `pg` ~120 µs for the same SQL (docs/benchmarks.md, "Decisions"). Everything
 * else goes through Prisma.
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('sqlPool: this client was not made by createDb');
  return pool;
}

/** True when a trivial query succeeds. */
export function pingDb(db: Db): Promise<boolean> {
  return db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}
