import type { Clock } from '../clock.ts';
import type { Redis } from '../db/redis.ts';

/**
 * Access tokens are stateless, so "log this user out now" needs a short list of revocations
 * that every request checks. An entry only has to outlive the tokens it revokes, so it expires
 * after the access-token TTL. In memory for one instance; in Redis so every instance agrees.
 *
 * Why this cannot be raced (docs/security.md, "Revocation"): a revoked session never issues
 * again, so its entry refuses every token of that session whenever it was signed, including one
 * signed by a refresh that rotated just before the database revoke. A user entry is a time: new
 * logins must work after it, so tokens signed at or before it are refused, and every token's
 * `iat` is taken before the database reads that authorised it.
 */
export interface RevocationStore {
  /** Every token of the user signed up to now stops working. */
  revokeUser(userId: string): Promise<void>;
  /** Every token of one session (refresh family), whenever signed, stops working. */
  revokeSession(sessionId: string): Promise<void>;
  isRevoked(claims: { sub: string; sid?: string | undefined; iat: number }): Promise<boolean>;
}

// `iat` carries milliseconds; a token issued in the very millisecond of a revocation counts as revoked.
function isIssuedBefore(iat: number, stampMs: number | undefined): boolean {
  return stampMs !== undefined && Math.round(iat * 1000) <= stampMs;
}

// An entry outlives the tokens it revokes by this much, for clocks a little apart.
const ENTRY_MARGIN_MS = 5_000;

export function createMemoryRevocations(clock: Clock, ttlSeconds: number): RevocationStore {
  const entries = new Map<string, { at: number; until: number }>();
  const record = async (key: string) => {
    const at = clock.now().getTime();
    entries.set(key, { at, until: at + ttlSeconds * 1000 + ENTRY_MARGIN_MS });
    for (const [k, v] of entries) if (v.until < at) entries.delete(k);
  };
  return {
    revokeUser: (userId) => record(`user:${userId}`),
    revokeSession: (sessionId) => record(`session:${sessionId}`),
    isRevoked: async ({ sub, sid, iat }) =>
      (sid !== undefined && entries.has(`session:${sid}`)) || isIssuedBefore(iat, entries.get(`user:${sub}`)?.at),
  };
}

export function createRedisRevocations(
  redis: Redis,
  prefix: string,
  clock: Clock,
  ttlSeconds: number,
): RevocationStore {
  const key = (kind: string, id: string) => `${prefix}:revoked:${kind}:${id}`;
  const record = async (k: string) => {
    await redis.set(k, String(clock.now().getTime()), 'PX', ttlSeconds * 1000 + ENTRY_MARGIN_MS);
  };
  return {
    revokeUser: (userId) => record(key('user', userId)),
    revokeSession: (sessionId) => record(key('session', sessionId)),
    isRevoked: async ({ sub, sid, iat }) => {
      const [user, session] = await redis.mget(key('user', sub), key('session', sid ?? '-'));
      return session !== null || isIssuedBefore(iat, user ? Number(user) : undefined);
    },
  };
}
