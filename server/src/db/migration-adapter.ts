/**
 * The driver adapter the Prisma CLI (migrate, db push, diff) uses through prisma.config.ts.
 * The app never uses this file: at run time plain `PrismaPg` is enough.
 *
 * @prisma/adapter-pg 6.19 needs three work-arounds on the migration path:
 * 1. The schema engine reads catalog columns of type `name`, `"char"`, `regclass`..., which the
 *    adapter refuses to deserialize (prisma/orm#27403). pg already hands their values over as
 *    strings, so we relabel those columns as text before the adapter sees them. `"char"` columns
 *    are then reported to the engine as Character, not Text: the schema describer reads
 *    `pg_constraint.contype` with get_expect_char, which panics on a text value (the WASM engine
 *    dies with a bare `RuntimeError: unreachable`). PostgreSQL 18 made this visible: it stores NOT
 *    NULL constraints in pg_constraint (contype 'n'), so every table now returns rows there; on
 *    older servers the same crash needs a CHECK or EXCLUDE constraint.
 * 2. Its shadow connection spreads `{ ...config, database }`, which a `connectionString` silently
 *    overrides: the "shadow" database would be the real one. We pass discrete fields instead.
 * 3. It drops the shadow database while its pool still holds connections, so DROP fails and the
 *    database leaks. We create and drop it ourselves, ending the pool first.
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

type ShadowAdapter = Awaited<ReturnType<PrismaPg['connectToShadowDb']>>;
type Queryable = Pick<ShadowAdapter, 'queryRaw'>;
type AdapterOptions = ConstructorParameters<typeof PrismaPg>[1];

const TEXT_OID = pg.types.builtins.TEXT;
const CHAR_OID = pg.types.builtins.CHAR; // the one-byte `"char"` of the catalogs, not char(n)
// ColumnTypeEnum.Character of @prisma/driver-adapter-utils: the engine turns it into a char value.
const CHARACTER_COLUMN = 6;
// OIDs from 16384 up are user-defined types; the adapter already treats those as text.
const FIRST_USER_OID = 16384;
// The built-in OIDs @prisma/adapter-pg 6.19 can map (its fieldToColumnType in dist/index.mjs).
const ADAPTER_KNOWN_OIDS = new Set([
  // scalars
  16, 17, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562,
  1700, 2950, 3802,
  // arrays
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183,
  1185, 1231, 1561, 1563, 2951, 3807,
]);

// The `"char"` columns of a result, keyed by its rows array, which queryRaw returns as is.
const charColumnsByRows = new WeakMap<unknown[], number[]>();

function relabelUnknownColumnsAsText<T>(result: T): T {
  const results = (Array.isArray(result) ? result : [result]) as Array<Partial<pg.QueryResult>>;
  for (const { fields = [], rows } of results.filter(Boolean)) {
    const charColumns: number[] = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) charColumns.push(index);
      if (field.dataTypeID < FIRST_USER_OID && !ADAPTER_KNOWN_OIDS.has(field.dataTypeID)) {
        field.dataTypeID = TEXT_OID;
      }
    });
    if (charColumns.length > 0 && rows) charColumnsByRows.set(rows, charColumns);
  }
  return result;
}

/** Reports the `"char"` columns relabelled as text to the engine as Character (fix 1). */
function reportCharColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) {
      result.columnTypes[index] = CHARACTER_COLUMN as (typeof result.columnTypes)[number];
    }
    return result;
  };
  return queryable;
}

function withCharColumns(adapter: ShadowAdapter): ShadowAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => reportCharColumns(await startTransaction(...args));
  return reportCharColumns(adapter);
}

/** A pg client whose results never carry a column type the adapter would reject (fix 1). */
class CatalogTolerantClient extends pg.Client {
  // pg-pool calls query(text, values, callback); the adapter's transactions use the promise form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- must fit all of pg's query() overloads
  override query(...args: unknown[]): any {
    const query = super.query as (...a: unknown[]) => unknown;
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : relabelUnknownColumnsAsText(result));
      return query.apply(this, args);
    }
    const pending = query.apply(this, args);
    return pending instanceof Promise ? pending.then(relabelUnknownColumnsAsText) : pending;
  }
}

/** Splits a postgresql:// URL into discrete pg fields (fix 2). */
export function parseDatabaseUrl(url: string): pg.ClientConfig & { database: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`Expected a postgresql:// URL, got "${parsed.protocol}//..."`);
  }
  const param = (name: string) => parsed.searchParams.get(name) ?? undefined;
  const user = decodeURIComponent(parsed.username) || param('user');
  const sslmode = param('sslmode');
  return {
    host: param('host') ?? (parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost'),
    port: Number(parsed.port || param('port') || 5432),
    user,
    password: decodeURIComponent(parsed.password) || param('password'),
    database: decodeURIComponent(parsed.pathname.slice(1)) || user || 'postgres',
    // As pg itself reads sslmode: any mode but disable/no-verify verifies the certificate.
    ssl: !sslmode || sslmode === 'disable' ? undefined : { rejectUnauthorized: sslmode !== 'no-verify' },
  };
}

function poolConfig(config: pg.ClientConfig): pg.PoolConfig {
  // allowExitOnIdle: the CLI never ends the main pool, and idle clients otherwise keep the
  // process alive for pg's 10 s idle timeout after the work is done (11 s -> 1.7 s per run).
  return { ...config, Client: CatalogTolerantClient, allowExitOnIdle: true };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function runStatements(config: pg.ClientConfig, statements: string[]): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

class MigrationAdapterFactory extends PrismaPg {
  constructor(
    private readonly main: pg.ClientConfig,
    private readonly shadow: pg.ClientConfig & { database: string },
    private readonly adapterOptions: AdapterOptions,
  ) {
    super(poolConfig(main), adapterOptions);
  }

  override async connect(): Promise<ShadowAdapter> {
    return withCharColumns(await super.connect());
  }

  /** A fresh, empty shadow database, dropped again once Prisma disposes of it (fix 3). */
  override async connectToShadowDb(): Promise<ShadowAdapter> {
    const sameServer = this.shadow.host === this.main.host && this.shadow.port === this.main.port;
    const admin = sameServer ? this.main : { ...this.shadow, database: 'postgres' };
    const name = quoteIdent(this.shadow.database);
    // IF EXISTS: a crashed earlier run may have left it behind.
    await runStatements(admin, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);

    const factory = new PrismaPg(poolConfig(this.shadow), this.adapterOptions);
    const adapter = withCharColumns(await factory.connect());
    const endPool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await endPool();
      await runStatements(admin, [`DROP DATABASE IF EXISTS ${name}`]);
    };
    return adapter;
  }
}

/**
 * The adapter factory for prisma.config.ts. Without `shadowDatabaseUrl` the shadow database is the
 * main database's name plus `_shadow`, on the same server.
 */
export function createMigrationAdapter(options: {
  databaseUrl: string;
  shadowDatabaseUrl?: string | undefined;
}): PrismaPg {
  const main = parseDatabaseUrl(options.databaseUrl);
  const shadow = options.shadowDatabaseUrl
    ? parseDatabaseUrl(options.shadowDatabaseUrl)
    : { ...main, database: `${main.database}_shadow` };
  if (shadow.host === main.host && shadow.port === main.port && shadow.database === main.database) {
    // The shadow database is dropped and re-created on every diff: never let it be the real one.
    throw new Error('SHADOW_DATABASE_URL must name a different database than DATABASE_URL');
  }
  const schema = new URL(options.databaseUrl).searchParams.get('schema') ?? undefined;
  return new MigrationAdapterFactory(main, shadow, schema ? { schema } : undefined);
}
