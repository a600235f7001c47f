import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export type { Redis };

/** The shared store for rate-limit counters and revocations when several instances run. */
export function createRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    // Fail a command quickly while Redis is away instead of queueing it behind a request.
    maxRetriesPerRequest: 1,
    // A command Redis has not answered within a second fails (503), whatever the retry state.
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // ioredis retries forever and emits an error per attempt: report an outage once, not per retry.
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`redis unavailable: ${error.message}`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis reachable again');
    down = false;
  });
  return redis;
}

/** True when Redis answers PING. */
export function pingRedis(redis: Redis): Promise<boolean> {
  return redis.ping().then(
    (answer) => answer === 'PONG',
    () => false,
  );
}

/**
 * True for ioredis's "Redis is not there" failures (closed connection, retries used up, command
 * timed out, refused): the request may be retried, so it answers 503, not 500.
 */
export function isRedisUnavailable(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET') return true;
  return (
    typeof e.message === 'string' &&
    /^(Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries)/.test(e.message)
  );
}
