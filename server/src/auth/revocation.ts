import type { Clock } from '../clock.ts';
import type { Redis } from '../db/redis.ts';

/**
 * Access tokens are stateless, so "log this user out now" needs a short list of revocations
 * that every request checks. An entry only has to outlive the tokens it revokes, so it expires
 * after the access-token TTL. In memory for one instance; in Redis so every instance agrees.
 */
export interface RevocationStore {
  /** Every token of the user issued up to now stops working. */
  revokeUser(userId: string): Promise<void>;
  /** Every token of one session (refresh family) issued up to now stops working. */
  revokeSession(sessionId: string): Promise<void>;
  isRevoked(claims: { sub: string; sid?: string | undefined; iat: number }): Promise<boolean>;
}

// `iat` carries milliseconds; a token issued in the very millisecond of a revocation counts as revoked.
function isIssuedBefore(iat: number, stampMs: number | undefined): boolean {
  return stampMs !== undefined && Math.round(iat * 1000) <= stampMs;
}

export function createMemoryRevocations(clock: Clock, ttlSeconds: number): RevocationStore {
  const stamps = new Map<string, { at: number; until: number }>();
  const stamp = async (key: string) => {
    const at = clock.now().getTime();
    stamps.set(key, { at, until: at + ttlSeconds * 1000 });
    for (const [k, v] of stamps) if (v.until < at) stamps.delete(k);
  };
  const read = (key: string) => stamps.get(key)?.at;
  return {
    revokeUser: (userId) => stamp(`user:${userId}`),
    revokeSession: (sessionId) => stamp(`session:${sessionId}`),
    isRevoked: async ({ sub, sid, iat }) =>
      isIssuedBefore(iat, read(`user:${sub}`)) || (sid !== undefined && isIssuedBefore(iat, read(`session:${sid}`))),
  };
}

export function createRedisRevocations(
  redis: Redis,
  prefix: string,
  clock: Clock,
  ttlSeconds: number,
): RevocationStore {
  const key = (kind: string, id: string) => `${prefix}:revoked:${kind}:${id}`;
  const stamp = async (k: string) => {
    await redis.set(k, String(clock.now().getTime()), 'PX', ttlSeconds * 1000 + 5_000);
  };
  return {
    revokeUser: (userId) => stamp(key('user', userId)),
    revokeSession: (sessionId) => stamp(key('session', sessionId)),
    isRevoked: async ({ sub, sid, iat }) => {
      const [user, session] = await redis.mget(key('user', sub), key('session', sid ?? '-'));
      return (
        isIssuedBefore(iat, user ? Number(user) : undefined) ||
        isIssuedBefore(iat, session ? Number(session) : undefined)
      );
    },
  };
}
