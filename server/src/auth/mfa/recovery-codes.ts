import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * 16 symbols of 5 bits: 80 random bits per code, shown as `XXXX-XXXX-XXXX-XXXX`. With that much
 * entropy a fast hash is enough (nobody can enumerate 2^80 candidates), and SHA-256 lets redeeming
 * look the code up by its hash through an index instead of running argon2 against all ten
 * (docs/mfa.md, "Recovery codes").
 */
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < 16; i += 1) code = ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)] + code;
  return code.match(/.{4}/g)!.join('-');
}

/** Normalized (the contract already upper-cased it and dropped dashes): Crockford's look-alikes folded. */
export function hashRecoveryCode(normalized: string): string {
  const folded = normalized.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return createHash('sha256').update(folded).digest('hex');
}

/** Replaces the user's recovery codes with ten new ones; returns them for showing once. */
export async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })),
  });
  return codes;
}

/** Uses up one unused code; true only for the one request that flips it (single use under races). */
export async function redeemRecoveryCode(
  db: Prisma.TransactionClient | { recoveryCode: Prisma.TransactionClient['recoveryCode'] },
  userId: string,
  normalized: string,
  now: Date,
): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}
