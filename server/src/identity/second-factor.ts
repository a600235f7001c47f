/**
 * What every feature may ask about a user's second factors (docs/mfa.md): whether they have one,
 * whether this session proved one recently (step-up), and the admin's reset. The factors
 * themselves (TOTP, recovery codes, passkeys) live in server/src/auth/mfa/.
 */
import type { RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { MfaStatus } from '../contract/mfa.ts';
import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { describeHandler } from '../http/handler-docs.ts';
import { HttpError } from '../http/http-error.ts';
import { currentIdentity } from './guards.ts';

type Reader = Db | Prisma.TransactionClient;

/** Confirmed TOTP, passkeys, unused recovery codes; `enabled` when sign-in asks for a second factor. */
export async function secondFactorStatus(db: Reader, userId: string): Promise<MfaStatus> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db.passkey.count({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabled: totp > 0 || passkeys > 0, totp: totp > 0, passkeys, recoveryCodesLeft };
}

export async function hasSecondFactor(db: Reader, userId: string): Promise<boolean> {
  return (await secondFactorStatus(db, userId)).enabled;
}

/** Records that this session just proved a second factor; sensitive actions read it. */
export async function markSecondFactorVerified(db: Reader, sessionId: string, now: Date): Promise<void> {
  await db.refreshFamily.updateMany({ where: { id: sessionId, revokedAt: null }, data: { mfaVerifiedAt: now } });
}

/** Until when the session may act without a new second factor, or null. */
export async function stepUpValidUntil(
  deps: { db: Reader; clock: Clock; config: Pick<Config, 'mfa'> },
  sessionId: string | undefined,
): Promise<Date | null> {
  if (!sessionId) return null;
  const family = await deps.db.refreshFamily.findUnique({ where: { id: sessionId }, select: { mfaVerifiedAt: true } });
  if (!family?.mfaVerifiedAt) return null;
  const until = new Date(family.mfaVerifiedAt.getTime() + deps.config.mfa.stepUpWindow * 1000);
  return until > deps.clock.now() ? until : null;
}

/**
 * For sensitive actions (password or email change, removing a factor, managing passkeys, new
 * recovery codes): a user with a second factor must have proved it in this session within
 * MFA_STEP_UP_WINDOW, or gets 403 `step_up_required` (the client asks for a code and retries).
 * A user without any second factor passes: there is nothing to ask for. `when` limits the rule
 * to some requests (an email change, not a name change); it runs after body parsing.
 */
export function requireRecentSecondFactor(
  deps: { db: Db; clock: Clock; config: Pick<Config, 'mfa'> },
  when: (req: Parameters<RequestHandler>[0]) => boolean = () => true,
): RequestHandler {
  const guard: RequestHandler = async (req, _res, next) => {
    const identity = currentIdentity(req);
    if (!when(req)) return next();
    if (!(await hasSecondFactor(deps.db, identity.userId))) return next();
    if (await stepUpValidUntil(deps, identity.sessionId)) return next();
    throw new HttpError('step_up_required', 'Confirm with your second factor first (POST /api/auth/mfa/step-up)');
  };
  return describeHandler(guard, { errors: ['step_up_required'] });
}

/** Removes every second factor of the user (an admin's reset): TOTP, passkeys, recovery codes, open challenges. */
export async function resetSecondFactors(tx: Prisma.TransactionClient, userId: string): Promise<MfaStatus> {
  const before = await secondFactorStatus(tx, userId);
  await tx.totpFactor.deleteMany({ where: { userId } });
  await tx.passkey.deleteMany({ where: { userId } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.mfaChallenge.deleteMany({ where: { userId } });
  return before;
}
