import { createHash, randomBytes } from 'node:crypto';
import { refuse, succeed, type Outcome } from '../../core/outcome.ts';
import type { Db } from '../../db/client.ts';

/** What a challenge is for; a token made for one purpose is refused for any other. */
export type ChallengePurpose = 'sign_in' | 'passkey_sign_in' | 'passkey_register' | 'step_up';

/** Wrong proofs one challenge takes before it dies (the per-user rate limit counts too). */
export const MAX_CHALLENGE_ATTEMPTS = 5;

export interface OpenChallenge {
  id: string;
  purpose: ChallengePurpose;
  userId: string | null;
  passwordCheck: string | null;
  webauthnChallenge: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** SHA-256 of the password hash a sign-in verified: a password change while it is open voids it. */
export const passwordCheckOf = (passwordHash: string) => createHash('sha256').update(passwordHash).digest('hex');

/** A new challenge: 256 random bits for the client, only their hash stored. */
export async function createChallenge(
  db: Db,
  data: { purpose: ChallengePurpose; userId: string | null; passwordCheck?: string; webauthnChallenge?: string },
  ttlSeconds: number,
  now: Date,
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const row = await db.mfaChallenge.create({
    data: {
      ...data,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    },
  });
  return { token, id: row.id };
}

const INVALID = refuse('invalid_mfa_challenge', 'This challenge is unknown, used up or expired: start again');

/**
 * The live challenge a token names, for this purpose (and user, when given), counting one
 * attempt: unknown, expired, used, exhausted or other-purpose tokens are all the same refusal.
 */
export async function takeChallenge(
  db: Db,
  token: string,
  purpose: ChallengePurpose,
  now: Date,
  userId?: string,
): Promise<Outcome<OpenChallenge>> {
  const tokenHash = hashToken(token);
  const [row] = await db.mfaChallenge.updateManyAndReturn({
    where: {
      tokenHash,
      purpose,
      consumedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: MAX_CHALLENGE_ATTEMPTS },
      ...(userId === undefined ? {} : { userId }),
    },
    data: { attempts: { increment: 1 } },
  });
  if (!row) return INVALID;
  return succeed({ ...row, purpose: row.purpose as ChallengePurpose });
}

/** Marks it used; false when another request used it first. */
export async function consumeChallenge(db: Db, id: string, now: Date): Promise<boolean> {
  const { count } = await db.mfaChallenge.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: now } });
  return count === 1;
}

/** Remembers the WebAuthn challenge offered under this one (the browser signs it). */
export async function attachWebAuthnChallenge(db: Db, id: string, webauthnChallenge: string): Promise<void> {
  await db.mfaChallenge.update({ where: { id }, data: { webauthnChallenge } });
}

/** Expired challenges are of no use to anyone: dropped now and then. */
export async function pruneChallenges(db: Db, now: Date): Promise<void> {
  await db.mfaChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
}
