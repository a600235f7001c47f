import { once } from 'node:events';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp, listBackgroundTasks } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, loadDotEnvForDevelopment, type Config } from './config.ts';
import type { BackgroundTask } from './core/background-task.ts';
import { createDb, type Db } from './db/client.ts';
import { openDatabase, type DatabaseLocation } from './db/database.ts';
import { ensureDevAdmin } from './dev/dev-admin.ts';
import { createRedis, type Redis } from './db/redis.ts';
import { closeLogger, createLogger, type Logger } from './logger.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';

interface Running {
  server: Server;
  tasks: BackgroundTask[];
  db: Db;
  redis: Redis | undefined;
  mailer: Mailer;
  database: DatabaseLocation;
  logger: Logger;
}

/** Process entry: config -> logger -> database -> app -> listen, then wait for a signal. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfigOrExit();
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  const db = createDb(database.url);
  if (config.devAdmin) {
    const created = await ensureDevAdmin(db, config.devAdmin, config.auth.argon2);
    // The password is npm run dev's to print: never in the logs.
    logger.info(`development admin ${config.devAdmin.email} ${created ? 'created' : 'ready'}`);
  }
  const redis = config.redisUrl ? createRedis(config.redisUrl, logger) : undefined;
  const mailer = createMailer(config, logger);
  const deps = { config, logger, db, redis, mailer, clock: systemClock };
  const app = createApp(deps);
  const tasks = listBackgroundTasks(deps);
  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  for (const task of tasks) task.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    `Easel API listening on http://${config.host}:${port} (ready in ${Math.round(performance.now() - startedAt)} ms)`,
  );
  stopOnSignals({ server, tasks, db, redis, mailer, database, logger }, config);
}

function readConfigOrExit(): Config {
  loadDotEnvForDevelopment();
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and the background tasks' work in hand
 * finish (for at most SHUTDOWN_TIMEOUT), then close the database, Redis and the embedded server,
 * and exit 0.
 */
function stopOnSignals(running: Running, config: Config): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { server, tasks, db, redis, mailer, database, logger } = running;
    logger.info(`${signal} received: finishing in-flight requests`);
    server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
    const tasksStopped = Promise.all(tasks.map((task) => task.stop()));
    const force = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs).unref();
    await new Promise((resolve) => server.close(resolve));
    clearTimeout(force);
    // A webhook handler still running then is left to its transaction's own timeout: the event
    // it holds is claimed again, by any instance, once its lease is over.
    // Mails queued by the last requests (a reset link, a verification) go out before the database closes.
    const mailSent = mailer.close();
    await Promise.race([
      Promise.all([tasksStopped, mailSent]),
      sleep(config.shutdownTimeoutMs, undefined, { ref: false }),
    ]);
    await db.$disconnect();
    await redis?.quit();
    await database.stop();
    logger.info('shutdown complete');
    await closeLogger(logger);
    process.exit(0);
  };
  // `on`, not `once`: a second Ctrl-C must not kill the process mid-shutdown and orphan the
  // embedded database; a stuck shutdown ends at SHUTDOWN_TIMEOUT instead.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Key material (JWT_KEYS) is checked when the app is built, after the environment.
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Easel failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
