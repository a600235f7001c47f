import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { EmailRequestAccepted, EmailVerified } from '../contract/recovery.ts';
import { RECOVERY_PAGES } from '../contract/recovery.ts';
import { refuse, succeed, type Outcome, type Refusal } from '../core/outcome.ts';
import type { RequestContext } from '../core/request-context.ts';
import { buildLink, queueEmailVerification } from '../identity/account-mail.ts';
import {
  consumeAccountToken,
  createAccountToken,
  deleteAccountTokens,
  findAccountToken,
  storeAccountToken,
} from '../identity/account-tokens.ts';
import { hashPassword } from '../identity/passwords.ts';
import { revokeUserFamilies } from '../identity/refresh-families.ts';
import { passwordResetDoneMail, resetPasswordMail } from '../mail/templates.ts';
import type { ResetPasswordBody } from './auth.schemas.ts';
import { isPasswordAboutUser } from './password-policy.ts';

export type RecoveryDeps = Pick<AppContext, 'db' | 'config' | 'clock' | 'mailer' | 'revocations'>;

/** The one answer to forgot-password and resend, whoever the address belongs to. */
const ACCEPTED: EmailRequestAccepted = {
  message: 'If an account uses this address, an email is on its way. Check your inbox (and spam folder).',
};

const linkRefusal = (reason: 'invalid' | 'expired'): Refusal =>
  reason === 'expired'
    ? refuse('link_expired', 'This link has expired: ask for a new one')
    : refuse('link_invalid', 'This link is not valid (it may have been used, or replaced by a newer one)');

/**
 * One query whether or not the address has an account (a lookup with the roles included would
 * make a second one for known addresses only, and so answer them measurably later).
 */
function findRecipient(deps: RecoveryDeps, email: string) {
  return deps.db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, isActive: true, emailVerified: true },
  });
}

/**
 * Forgot password. Both paths do the same work before answering (one lookup, one token made);
 * storing the token and sending the mail happen after the response, so neither the body, the
 * status nor the time tells whether the address has an account.
 */
export async function requestPasswordReset(
  deps: RecoveryDeps,
  email: string,
  ctx: RequestContext,
): Promise<EmailRequestAccepted> {
  const user = await findRecipient(deps, email);
  const now = deps.clock.now();
  const { token, tokenHash } = createAccountToken();
  const ttlSeconds = deps.config.mail.resetTtl;
  deps.mailer.later('password-reset', async () => {
    if (!user?.isActive) return;
    await storeAccountToken(deps.db, {
      userId: user.id,
      purpose: 'reset_password',
      email: user.email,
      tokenHash,
      now,
      ttlSeconds,
    });
    await recordAudit(deps.db, ctx, { type: 'password.reset_requested', userId: user.id });
    const link = buildLink(deps.config, RECOVERY_PAGES.resetPassword, token);
    await deps.mailer.send({ to: user.email, ...resetPasswordMail({ name: user.name, link, ttlSeconds }) });
  });
  return ACCEPTED;
}

/** Resend verification: a new link to an active, unverified account; the same answer for any address. */
export async function requestVerificationMail(deps: RecoveryDeps, email: string): Promise<EmailRequestAccepted> {
  const user = await findRecipient(deps, email);
  // The same token work as forgot-password on every path, so the time tells nothing either.
  createAccountToken();
  if (user?.isActive && !user.emailVerified) queueEmailVerification(deps, user);
  return ACCEPTED;
}

/** Marks the address the link was sent to as verified, if it is still the account's address. */
export async function verifyEmail(
  deps: RecoveryDeps,
  token: string,
  ctx: RequestContext,
): Promise<Outcome<EmailVerified>> {
  return deps.db.$transaction(async (tx): Promise<Outcome<EmailVerified>> => {
    const consumed = await consumeAccountToken(tx, 'verify_email', token, deps.clock.now());
    if (!consumed.ok) return linkRefusal(consumed.reason);
    const { userId, email } = consumed;
    const { count } = await tx.user.updateMany({ where: { id: userId, email }, data: { emailVerified: true } });
    if (count === 0) return linkRefusal('invalid');
    await recordAudit(tx, ctx, { type: 'email.verified', userId, data: { email } });
    return succeed({ email, emailVerified: true });
  });
}

/**
 * Sets a new password from a reset link, then ends every session of the user at once (refresh
 * families and their access tokens, as a logout everywhere does) and tells them by mail. The
 * link proved the address, so it also counts as verified.
 */
export async function resetPassword(
  deps: RecoveryDeps,
  input: ResetPasswordBody,
  ctx: RequestContext,
): Promise<Outcome<null>> {
  const now = deps.clock.now();
  // Checked before the token is used, so a refused password leaves the link working.
  const peeked = await findAccountToken(deps.db, 'reset_password', input.token);
  if (peeked && isPasswordAboutUser(input.newPassword, peeked.email)) {
    return refuse('validation_failed', 'The password must not be your email address', [
      { path: 'newPassword', message: 'must not be your email address' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.auth.argon2);
  const outcome = await deps.db.$transaction(async (tx) => {
    const consumed = await consumeAccountToken(tx, 'reset_password', input.token, now);
    if (!consumed.ok) return linkRefusal(consumed.reason);
    const user = await tx.user.findUnique({ where: { id: consumed.userId } });
    if (!user?.isActive || user.email !== consumed.email) return linkRefusal('invalid');
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordSet: true, emailVerified: true } });
    await deleteAccountTokens(tx, user.id);
    const sessions = await revokeUserFamilies(tx, user.id, 'password_reset', now);
    await recordAudit(tx, ctx, { type: 'password.reset', userId: user.id, data: { sessionsRevoked: sessions.length } });
    return succeed({ user, sessions });
  });
  if (!outcome.ok) return outcome;
  const { user, sessions } = outcome.value;
  await Promise.all(sessions.map((id) => deps.revocations.revokeSession(id)));
  await deps.revocations.revokeUser(user.id);
  deps.mailer.later('password-reset-notice', () =>
    deps.mailer.send({ to: user.email, ...passwordResetDoneMail({ name: user.name }) }),
  );
  return succeed(null);
}
