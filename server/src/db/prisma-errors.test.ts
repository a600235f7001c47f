import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers.ts';
import { createDb, sqlPool, type Db } from './client.ts';
import { isDatabaseUnavailable } from './prisma-errors.ts';

const opened: Db[] = [];
afterAll(() => Promise.all(opened.map((db) => db.$disconnect())));

function open(url: string, poolSize: number): Db {
  const db = createDb(url, { poolSize });
  opened.push(db);
  return db;
}

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => expect.fail('it should have failed'),
    (e: unknown) => e,
  );

describe('errors the handler answers with 503 and Retry-After (the client may retry), not 500', () => {
  it('counts a transaction that cannot get a connection in time (a login storm on a small pool)', async () => {
    const db = open((await freshDatabase()).url, 1);
    const holding = db.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(0.5)`);
    const error = await failureOf(db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 50 }));
    await holding;
    expect(error).toMatchObject({ code: 'P2028' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('counts a transaction that outlived its timeout', async () => {
    const db = open((await freshDatabase()).url, 2);
    const error = await failureOf(
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_sleep(0.3)`;
          return tx.$queryRaw`SELECT 1`;
        },
        { timeout: 100 },
      ),
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('counts a statement sent on the pool directly when nothing listens', async () => {
    const db = open('postgresql://nobody@127.0.0.1:1/none', 1);
    const direct = await failureOf(sqlPool(db).query('SELECT 1'));
    const throughPrisma = await failureOf(db.$queryRaw`SELECT 1`);
    expect(isDatabaseUnavailable(direct)).toBe(true);
    expect(isDatabaseUnavailable(throughPrisma)).toBe(true);
  });

  it('does not count a bug: a unique violation, bad SQL, or a plain error', async () => {
    const db = open((await freshDatabase()).url, 1);
    const badSql = await failureOf(sqlPool(db).query('SELECT * FROM no_such_table'));
    const duplicate = await failureOf(db.role.createMany({ data: [{ name: 'twice' }, { name: 'twice' }] }));
    expect(isDatabaseUnavailable(badSql)).toBe(false);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
