import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** What an emailed link lets its holder do. */
export type AccountTokenPurpose = 'verify_email' | 'reset_password';

type Tx = Db | Prisma.TransactionClient;

// 256 bits, as refresh tokens: unguessable, so the link alone is the proof.
const TOKEN_BYTES = 32;

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh token and its hash: the same work whether or not it will ever be stored. */
export function createAccountToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashAccountToken(token) };
}

/**
 * Stores the token's hash for the user, and deletes their older tokens of the same purpose: only
 * the newest link works.
 */
export async function storeAccountToken(
  db: Db,
  input: {
    userId: string;
    purpose: AccountTokenPurpose;
    email: string;
    tokenHash: string;
    now: Date;
    ttlSeconds: number;
  },
): Promise<void> {
  const { userId, purpose, email, tokenHash, now, ttlSeconds } = input;
  await db.$transaction([
    db.accountToken.deleteMany({ where: { userId, purpose } }),
    db.accountToken.create({
      data: {
        userId,
        purpose,
        email,
        tokenHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      },
    }),
  ]);
}

/** Ends every outstanding link of the user (of one purpose, or all). */
export async function deleteAccountTokens(db: Tx, userId: string, purpose?: AccountTokenPurpose): Promise<void> {
  await db.accountToken.deleteMany({ where: { userId, ...(purpose ? { purpose } : {}) } });
}

export type ConsumedToken = { ok: true; userId: string; email: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Uses a token up: the row is deleted whatever the outcome, so a link works once. Of two requests
 * racing with one token only the one whose delete removed the row wins. Run it inside the
 * transaction that acts on the token, so that a failure there leaves the token usable.
 */
export async function consumeAccountToken(
  tx: Tx,
  purpose: AccountTokenPurpose,
  token: string,
  now: Date,
): Promise<ConsumedToken> {
  const row = await tx.accountToken.findUnique({ where: { tokenHash: hashAccountToken(token) } });
  if (!row || row.purpose !== purpose) return { ok: false, reason: 'invalid' };
  const { count } = await tx.accountToken.deleteMany({ where: { id: row.id } });
  if (count === 0) return { ok: false, reason: 'invalid' };
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.userId, email: row.email };
}

/** The live row of a token, without using it up (to check a request before acting on it). */
export async function findAccountToken(db: Tx, purpose: AccountTokenPurpose, token: string) {
  const row = await db.accountToken.findUnique({ where: { tokenHash: hashAccountToken(token) } });
  return row?.purpose === purpose ? row : null;
}
