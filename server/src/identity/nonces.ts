import type { Clock } from '../clock.ts';
import type { Redis } from '../db/redis.ts';

/**
 * Remembers the nonces of signed requests long enough that a replay inside the timestamp window
 * is refused. In memory for one instance; in Redis (SET NX) so that a request replayed to
 * another instance is refused too.
 */
export interface NonceStore {
  /** True the first time a client presents a nonce, false for every replay until it expires. */
  claim(clientId: string, nonce: string, ttlSeconds: number): Promise<boolean>;
}

export function createMemoryNonces(clock: Clock): NonceStore {
  const seen = new Map<string, number>();
  return {
    async claim(clientId, nonce, ttlSeconds) {
      const now = clock.now().getTime();
      // Every entry lives equally long, so the oldest come first: prune from the front.
      for (const [key, until] of seen) {
        if (until > now) break;
        seen.delete(key);
      }
      const key = `${clientId}:${nonce}`;
      if (seen.has(key)) return false;
      seen.set(key, now + ttlSeconds * 1000);
      return true;
    },
  };
}

export function createRedisNonces(redis: Redis, prefix: string): NonceStore {
  return {
    async claim(clientId, nonce, ttlSeconds) {
      const stored = await redis.set(`${prefix}:nonce:${clientId}:${nonce}`, '1', 'EX', ttlSeconds, 'NX');
      return stored === 'OK';
    },
  };
}
