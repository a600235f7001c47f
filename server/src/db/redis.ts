import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export type { Redis };

/** The shared store for rate-limit counters and revocations when several instances run. */
export function createRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    // Fail a command quickly while Redis is away instead of queueing it behind a request.
    maxRetriesPerRequest: 1,
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
