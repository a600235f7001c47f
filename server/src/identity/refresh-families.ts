import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sqlPool, type Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** One login = one family = one session on one device. Tokens rotate inside it. */
export interface FamilyPolicy {
  refreshTokenTtl: number;
  refreshFamilyMaxAge: number;
  refreshReuseGrace: number;
}

export interface ClientContext {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
}

export type RotationResult =
  | ({ ok: true } & IssuedRefreshToken)
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  | { ok: false; reason: 'reused'; familyId: string; userId: string };

type Tx = Prisma.TransactionClient;
type StoredToken = Prisma.RefreshTokenGetPayload<{ include: { family: true } }>;

/** 256 random bits for the client; only the SHA-256 is stored, so a database leak yields nothing usable. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new refresh token: 256 random bits for the client, the hash to store, and when it lapses if
 * unused (the sliding TTL; capped by the family's absolute expiry where it is stored).
 */
function mintRefreshToken(policy: FamilyPolicy, now: Date) {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    tokenHash: hashRefreshToken(token),
    slidingExpiresAt: new Date(now.getTime() + policy.refreshTokenTtl * 1000),
  };
}

/** When a session started at `now` ends, however it is used: no token of its family outlives this. */
function familyExpiresAt(policy: FamilyPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.refreshFamilyMaxAge * 1000);
}

/** Starts a session: a new family and its first token. */
export async function startFamily(db: Db | Tx, userId: string, client: ClientContext, policy: FamilyPolicy, now: Date) {
  const absoluteExpiresAt = familyExpiresAt(policy, now);
  const family = await db.refreshFamily.create({
    data: { userId, createdAt: now, lastUsedAt: now, absoluteExpiresAt, userAgent: client.userAgent, ip: client.ip },
  });
  return createToken(db, family, null, client, policy, now);
}

// The session start of a password sign-in in one statement. The guarded UPDATE locks the user's
// row: a password change or a deactivation either commits first (no row, nothing starts) or
// waits, and then revokes this session. It records the sign-in and, when given, the new hash
// ($9: the old one made with weaker parameters). updated_at as Prisma's @updatedAt would set it.
const START_PASSWORD_SESSION = `
  WITH signed AS (
    UPDATE users SET last_login_at = $3, password_hash = coalesce($9::text, password_hash), updated_at = now()
    WHERE id = $2::uuid AND password_hash = $8 AND is_active
    RETURNING last_login_at, updated_at, password_hash
  ), family AS (
    INSERT INTO refresh_families (id, user_id, created_at, last_used_at, absolute_expires_at, user_agent, ip)
    SELECT $1::uuid, $2::uuid, $3::timestamptz, $3::timestamptz, $4::timestamptz, $6::text, $7::text FROM signed
  ), token AS (
    INSERT INTO refresh_tokens (id, family_id, token_hash, parent_id, created_at, expires_at, user_agent, ip)
    SELECT $10::uuid, $1::uuid, $11::text, NULL, $3::timestamptz, least($5::timestamptz, $4::timestamptz),
           $6::text, $7::text
    FROM signed
    RETURNING expires_at
  )
  SELECT signed.last_login_at, signed.updated_at, signed.password_hash, token.expires_at FROM signed, token`;

/**
 * Starts a session (a family and its first token) for a password that was just verified, in one
 * statement, only if `verifiedHash` is still the user's stored hash and the account is active;
 * null otherwise. Returns the user's columns it changed.
 */
export async function startPasswordSession(
  db: Db,
  login: { userId: string; verifiedHash: string; newHash?: string | undefined },
  client: ClientContext,
  policy: FamilyPolicy,
  now: Date,
) {
  const familyId = randomUUID();
  const { token, tokenHash, slidingExpiresAt } = mintRefreshToken(policy, now);
  const absolute = familyExpiresAt(policy, now);
  const { rows } = await sqlPool(db).query<{
    last_login_at: Date;
    updated_at: Date;
    password_hash: string;
    expires_at: Date;
  }>(START_PASSWORD_SESSION, [
    familyId,
    login.userId,
    now,
    absolute,
    slidingExpiresAt,
    client.userAgent ?? null,
    client.ip ?? null,
    login.verifiedHash,
    login.newHash ?? null,
    randomUUID(),
    tokenHash,
  ]);
  const row = rows[0];
  if (!row) return null;
  const refresh: IssuedRefreshToken = { token, familyId, userId: login.userId, expiresAt: row.expires_at };
  return {
    refresh,
    changed: { lastLoginAt: row.last_login_at, updatedAt: row.updated_at, passwordHash: row.password_hash },
  };
}

/**
 * Rotates a presented refresh token (DESIGN.md section 3). An unused token yields its child.
 * A rotated token presented again inside the grace window, while none of its children has been
 * used, yields a fresh sibling in the same family (a lost response, a second tab). Anything else
 * that was already rotated is reuse: the caller revokes the whole family.
 *
 * The common case, an unused live token, is one statement (claimUnusedToken); every other case
 * takes the locked transaction below, which decides them all.
 */
export async function rotateRefreshToken(
  db: Db,
  presented: string,
  client: ClientContext,
  policy: FamilyPolicy,
  now: Date,
): Promise<RotationResult> {
  const tokenHash = hashRefreshToken(presented);
  const claimed = await claimUnusedToken(db, tokenHash, client, policy, now);
  if (claimed) return { ok: true, ...claimed };
  const known = await db.refreshToken.findUnique({ where: { tokenHash }, select: { familyId: true } });
  if (!known) return { ok: false, reason: 'unknown' };
  return db.$transaction(
    async (tx) => {
      // One rotation at a time per family: racing tabs see each other's writes.
      await tx.$queryRaw`SELECT id FROM refresh_families WHERE id = ${known.familyId}::uuid FOR UPDATE`;
      const token = await tx.refreshToken.findUniqueOrThrow({ where: { tokenHash }, include: { family: true } });
      return decideRotation(tx, token, client, policy, now);
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

// rotateUnusedToken in one statement. The family row is locked first, as in the transaction, so
// rotations of one family still run one at a time; the guarded UPDATE then re-reads the token
// after any wait (READ COMMITTED re-checks an updated row), so a token is claimed once only.
// No row back: not an unused live token.
const CLAIM_UNUSED_TOKEN = `
  WITH family AS (
    SELECT f.id, f.user_id, f.absolute_expires_at FROM refresh_families f
    WHERE f.id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
      AND f.revoked_at IS NULL AND f.absolute_expires_at > $2
    FOR NO KEY UPDATE
  ), claimed AS (
    UPDATE refresh_tokens t SET rotated_at = $2, replaced_by_id = $3::uuid
    FROM family
    WHERE t.token_hash = $1 AND t.family_id = family.id
      AND t.rotated_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $2
    RETURNING t.id, t.parent_id, family.id AS family_id, family.user_id, family.absolute_expires_at
  ), child AS (
    INSERT INTO refresh_tokens (id, family_id, token_hash, parent_id, created_at, expires_at, user_agent, ip)
    SELECT $3::uuid, family_id, $4::text, id, $2::timestamptz, least($5::timestamptz, absolute_expires_at),
           $6::text, $7::text
    FROM claimed
    RETURNING expires_at
  ), head AS (
    -- The first sibling used becomes the head; the others now age like a rotated parent.
    UPDATE refresh_tokens s SET rotated_at = $2 FROM claimed
    WHERE s.parent_id = claimed.parent_id AND s.id <> claimed.id AND s.rotated_at IS NULL
  ), used AS (
    UPDATE refresh_families f SET last_used_at = $2 FROM claimed WHERE f.id = claimed.family_id
  )
  SELECT claimed.family_id, claimed.user_id, child.expires_at FROM claimed, child`;

async function claimUnusedToken(
  db: Db,
  tokenHash: string,
  client: ClientContext,
  policy: FamilyPolicy,
  now: Date,
): Promise<IssuedRefreshToken | null> {
  const child = mintRefreshToken(policy, now);
  const params = [
    tokenHash,
    now,
    randomUUID(),
    child.tokenHash,
    child.slidingExpiresAt,
    client.userAgent ?? null,
    client.ip ?? null,
  ];
  const { rows } = await sqlPool(db).query<{ family_id: string; user_id: string; expires_at: Date }>(
    CLAIM_UNUSED_TOKEN,
    params,
  );
  const row = rows[0];
  return row ? { token: child.token, familyId: row.family_id, userId: row.user_id, expiresAt: row.expires_at } : null;
}

async function decideRotation(tx: Tx, token: StoredToken, client: ClientContext, policy: FamilyPolicy, now: Date) {
  const { family } = token;
  if (family.revokedAt || token.revokedAt) return { ok: false, reason: 'revoked' } as const;
  if (token.expiresAt <= now || family.absoluteExpiresAt <= now) return { ok: false, reason: 'expired' } as const;
  if (token.rotatedAt === null) return rotateUnusedToken(tx, token, client, policy, now);
  if (await isGraceRetry(tx, token, policy, now))
    return { ok: true, ...(await createToken(tx, family, token.id, client, policy, now)) } as const;
  await revokeFamily(tx, family.id, 'reuse_detected', now);
  return { ok: false, reason: 'reused', familyId: family.id, userId: family.userId } as const;
}

async function rotateUnusedToken(tx: Tx, token: StoredToken, client: ClientContext, policy: FamilyPolicy, now: Date) {
  const issued = await createToken(tx, token.family, token.id, client, policy, now);
  await tx.refreshToken.update({ where: { id: token.id }, data: { rotatedAt: now, replacedById: issued.tokenId } });
  // The first sibling used becomes the head; the others now age like a rotated parent.
  if (token.parentId) {
    await tx.refreshToken.updateMany({
      where: { parentId: token.parentId, id: { not: token.id }, rotatedAt: null },
      data: { rotatedAt: now },
    });
  }
  await tx.refreshFamily.update({ where: { id: token.familyId }, data: { lastUsedAt: now } });
  return { ok: true, ...issued } as const;
}

async function isGraceRetry(tx: Db | Tx, token: StoredToken, policy: FamilyPolicy, now: Date): Promise<boolean> {
  const rotatedAt = token.rotatedAt?.getTime() ?? 0;
  if (now.getTime() - rotatedAt > policy.refreshReuseGrace * 1000) return false;
  // A token whose child was already used is a grandparent of the head: never a retry.
  const usedChildren = await tx.refreshToken.count({ where: { parentId: token.id, replacedById: { not: null } } });
  return usedChildren === 0;
}

async function createToken(
  db: Db | Tx,
  family: { id: string; userId: string; absoluteExpiresAt: Date },
  parentId: string | null,
  client: ClientContext,
  policy: FamilyPolicy,
  now: Date,
) {
  const { token, tokenHash, slidingExpiresAt } = mintRefreshToken(policy, now);
  const expiresAt = new Date(Math.min(slidingExpiresAt.getTime(), family.absoluteExpiresAt.getTime()));
  const row = await db.refreshToken.create({
    data: {
      familyId: family.id,
      tokenHash,
      parentId,
      createdAt: now,
      expiresAt,
      userAgent: client.userAgent,
      ip: client.ip,
    },
  });
  return { token, tokenId: row.id, familyId: family.id, userId: family.userId, expiresAt };
}

export type PresentedTokenState =
  | { state: 'current'; familyId: string; userId: string }
  /** Rotated past the grace window, or expired: it speaks for the session no longer. */
  | { state: 'stale'; familyId: string; userId: string }
  /** Unknown, or its session already ended. */
  | { state: 'none' };

/** What a presented token may still do for its session, without changing anything. */
export async function judgePresentedToken(
  db: Db,
  presented: string,
  policy: FamilyPolicy,
  now: Date,
): Promise<PresentedTokenState> {
  const token = await db.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(presented) },
    include: { family: true },
  });
  if (!token || token.revokedAt || token.family.revokedAt) return { state: 'none' };
  const ids = { familyId: token.familyId, userId: token.family.userId };
  const expired = token.expiresAt <= now || token.family.absoluteExpiresAt <= now;
  const current = token.rotatedAt === null || (await isGraceRetry(db, token, policy, now));
  return { state: !expired && current ? 'current' : 'stale', ...ids };
}

export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'reuse_detected'
  | 'password_changed'
  | 'password_reset'
  | 'session_revoked'
  | 'user_deactivated'
  | 'roles_changed';

export async function revokeFamily(db: Db | Tx, familyId: string, reason: RevokeReason, now: Date): Promise<void> {
  await db.refreshFamily.updateMany({
    where: { id: familyId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
}

/** Revokes the user's live families (all, or all but one); returns the ids revoked. */
export async function revokeUserFamilies(
  db: Db | Tx,
  userId: string,
  reason: RevokeReason,
  now: Date,
  options: { except?: string | undefined } = {},
): Promise<string[]> {
  const live = await db.refreshFamily.findMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    select: { id: true },
  });
  const ids = live.map((f) => f.id);
  if (ids.length)
    await db.refreshFamily.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now, revokedReason: reason } });
  return ids;
}

/** The user's sessions that can still refresh, newest use first. */
export async function listLiveFamilies(db: Db, userId: string, policy: FamilyPolicy, now: Date) {
  const slidingFloor = new Date(now.getTime() - policy.refreshTokenTtl * 1000);
  return db.refreshFamily.findMany({
    where: { userId, revokedAt: null, absoluteExpiresAt: { gt: now }, lastUsedAt: { gt: slidingFloor } },
    orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
    take: 100,
  });
}
