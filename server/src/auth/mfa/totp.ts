import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import type { TotpEnrolment } from '../../contract/mfa.ts';
import type { Db } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { openSecret, sealSecret, textFormat } from '../../identity/sealing.ts';

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD = 30;

type Reader = Db | Prisma.TransactionClient;
type MfaConfig = Config['mfa'];

/**
 * A new secret (160 bits, base32) for the user, sealed into an unconfirmed factor that replaces
 * any earlier unconfirmed one; the app learns it from the QR code or by hand.
 */
export async function startTotpEnrolment(
  db: Reader,
  mfa: MfaConfig,
  user: { id: string; email: string },
  now: Date,
): Promise<TotpEnrolment | null> {
  const secret = generateSecret();
  const sealed = sealSecret(mfa.encryptionKeys, textFormat, secret, user.id);
  if (!sealed) return null;
  const stored = { keyId: sealed.keyId, secret: sealed.sealed };
  await db.totpFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, ...stored, createdAt: now },
    update: { ...stored, createdAt: now, confirmedAt: null, lastUsedStep: null },
  });
  const otpauthUri = generateURI({ issuer: mfa.issuer, label: user.email, secret, period: TOTP_PERIOD });
  const qrCode = `data:image/svg+xml;base64,${Buffer.from(
    await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  ).toString('base64')}`;
  return { secret, otpauthUri, qrCode };
}

export type TotpCheck = 'ok' | 'wrong' | 'replayed' | 'none';

/**
 * Checks a code against the user's factor (`confirmed` or the pending one) with a window of one
 * step either side, and uses it up: the step it matched becomes the last used one, and that step
 * and every earlier one are refused from then on. The conditional update makes two requests
 * with the same code agree on a single winner.
 */
export async function checkTotp(
  db: Reader,
  mfa: MfaConfig,
  userId: string,
  code: string,
  now: Date,
  which: 'confirmed' | 'pending',
): Promise<TotpCheck> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor || (which === 'confirmed') !== (factor.confirmedAt !== null)) return 'none';
  const secret = openSecret(mfa.encryptionKeys, textFormat, { keyId: factor.keyId, sealed: factor.secret }, userId);
  if (!secret) return 'none';
  const epoch = Math.floor(now.getTime() / 1000);
  const options = { secret, token: code, epoch, period: TOTP_PERIOD, epochTolerance: TOTP_PERIOD };
  const result = await verify(options);
  if (!result.valid) return 'wrong';
  const step = (result as { timeStep: number }).timeStep;
  const { count } = await db.totpFactor.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step, ...(which === 'pending' ? { confirmedAt: now } : {}) },
  });
  if (count !== 1) return 'replayed';
  await resealWithActiveKey(db, mfa, { userId, keyId: factor.keyId, secret });
  return 'ok';
}

/**
 * Key rotation finishes as factors are used: a secret that opened with an older key of the ring
 * is sealed again with the first one, so the old key can leave the ring once every factor has
 * been used since. Conditional on the key id, so a racing re-seal or re-enrolment wins once.
 */
async function resealWithActiveKey(
  db: Reader,
  mfa: MfaConfig,
  factor: { userId: string; keyId: string; secret: string },
) {
  if (mfa.encryptionKeys[0]?.id === factor.keyId) return;
  const sealed = sealSecret(mfa.encryptionKeys, textFormat, factor.secret, factor.userId);
  if (!sealed) return;
  await db.totpFactor.updateMany({
    where: { userId: factor.userId, keyId: factor.keyId },
    data: { keyId: sealed.keyId, secret: sealed.sealed },
  });
}
