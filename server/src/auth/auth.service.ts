import { recordAudit } from '../audit/audit.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor, RequestContext } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { hashPassword, needsRehash, verifyPassword } from '../identity/passwords.ts';
import { revokeUserFamilies, startFamily, startPasswordSession } from '../identity/refresh-families.ts';
import type { RegistrationPending } from '../contract/accounts.ts';
import { queueEmailVerification } from '../identity/account-mail.ts';
import { deleteAccountTokens } from '../identity/account-tokens.ts';
import { passwordChangedMail } from '../mail/templates.ts';
import { findUserByEmail, isDuplicateEmail, toPublicUser, withRoleNames } from '../user-model/user-model.ts';
import type { MfaChallengeResponse } from '../contract/mfa.ts';
import type { LoginBody, PasswordChangeBody, RegisterBody } from './auth.schemas.ts';
import { offerSecondFactor } from './mfa/mfa.service.ts';
import { isPasswordAboutUser } from './password-policy.ts';
import { buildSessionResponse, type AuthDeps, type StartedSession } from './session-response.ts';

const DEFAULT_ROLE = 'user';

/** What register answers when REQUIRE_VERIFIED_EMAIL holds: the account, and no session until verified. */
export interface PendingVerification {
  body: RegistrationPending;
}

/**
 * Creates the user with the default role, mails a verification link, and starts their first
 * session (or, when a verified email is required to sign in, none).
 */
export async function registerUser(
  deps: AuthDeps,
  input: RegisterBody,
  ctx: RequestContext,
): Promise<Outcome<StartedSession | PendingVerification>> {
  if (isPasswordAboutUser(input.password, input.email)) {
    return refuse('validation_failed', 'The password must not be your email address', [
      { path: 'password', message: 'must not be your email address' },
    ]);
  }
  const issuedAt = deps.clock.now();
  const passwordHash = await hashPassword(input.password, deps.config.auth.argon2);
  const user = await createUser(deps.db, { email: input.email, name: input.name ?? '', passwordHash });
  if (!user) return refuse('email_taken', 'An account with this email already exists');
  await recordAudit(deps.db, ctx, { type: 'user.registered', userId: user.id });
  queueEmailVerification(deps, user);
  if (deps.config.auth.requireVerifiedEmail) {
    return succeed({ body: { user: toPublicUser(user), emailVerificationRequired: true as const } });
  }
  const refresh = await startFamily(deps.db, user.id, ctx, deps.config.auth, issuedAt);
  return succeed({ body: buildSessionResponse(deps, user, refresh.familyId, issuedAt), refresh });
}

/** The new user, or null when the email is taken (the unique index decides races). */
async function createUser(db: Db, data: { email: string; name: string; passwordHash: string }) {
  try {
    return await db.user.create({
      data: { ...data, roles: { create: [{ roleName: DEFAULT_ROLE }] } },
      include: withRoleNames,
    });
  } catch (error) {
    if (isDuplicateEmail(error)) return null;
    throw error;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Unknown email and wrong password answer alike and take about as long: an unknown email is
 * still verified, against a hash made with the same parameters.
 */
export async function logIn(
  deps: AuthDeps,
  input: LoginBody,
  ctx: RequestContext,
): Promise<Outcome<StartedSession | MfaChallengeResponse>> {
  // Taken before the reads that authorise the login: a revocation of the user that lands while
  // it runs is then later than the token's iat (docs/security.md, "Revocation").
  const issuedAt = deps.clock.now();
  const user = await findUserByEmail(deps.db, input.email);
  dummyHash ??= hashPassword('dummy password for timing', deps.config.auth.argon2);
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !matches || !user.isActive) {
    // An inactive account is told so only once its password was right.
    const reason = !user ? 'unknown_email' : !matches ? 'password' : 'inactive';
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId: user?.id, data: { reason } });
    return reason === 'inactive'
      ? refuse('account_inactive', 'This account has been deactivated')
      : refuse('invalid_credentials', 'The email or password is wrong');
  }
  // Told only once the password was right, like an inactive account.
  if (deps.config.auth.requireVerifiedEmail && !user.emailVerified) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId: user.id, data: { reason: 'email_not_verified' } });
    return refuse('email_not_verified', 'Confirm your email address first: use the link we emailed you');
  }
  // The one place sign-in branches: with a second factor, a challenge instead of a session.
  const challenge = await offerSecondFactor(deps, user, ctx, issuedAt);
  if (challenge) return succeed(challenge);
  const newHash = needsRehash(user.passwordHash, deps.config.auth.argon2)
    ? await hashPassword(input.password, deps.config.auth.argon2)
    : undefined;
  const login = { userId: user.id, verifiedHash: user.passwordHash, newHash };
  const started = await startPasswordSession(deps.db, login, ctx, deps.config.auth, issuedAt);
  if (!started) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId: user.id, data: { reason: 'changed_meanwhile' } });
    return refuse('invalid_credentials', 'The email or password is wrong');
  }
  await recordAudit(deps.db, ctx, { type: 'login.succeeded', userId: user.id });
  const body = buildSessionResponse(deps, { ...user, ...started.changed }, started.refresh.familyId, issuedAt);
  return succeed({ body, refresh: started.refresh });
}

/** Changes the password after checking the current one, and ends every other session. */
export async function changePassword(deps: AuthDeps, by: Actor, input: PasswordChangeBody): Promise<Outcome<null>> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: by.userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return refuse('invalid_credentials', 'The current password is wrong');
  }
  if (input.newPassword === input.currentPassword || isPasswordAboutUser(input.newPassword, user.email)) {
    return refuse('validation_failed', 'Choose a new password that differs from the current one and your email', [
      { path: 'newPassword', message: 'must differ from the current password and your email' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.auth.argon2);
  const revoked = await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // A reset link still in a mailbox would undo the change: it dies with the old password.
    await deleteAccountTokens(tx, user.id, 'reset_password');
    const ids = await revokeUserFamilies(tx, user.id, 'password_changed', deps.clock.now(), {
      except: by.sessionId,
    });
    await recordAudit(tx, by.request, {
      type: 'password.changed',
      userId: user.id,
      data: { sessionsRevoked: ids.length },
    });
    return ids;
  });
  await Promise.all(revoked.map((id) => deps.revocations.revokeSession(id)));
  deps.mailer.later('password-changed-notice', () =>
    deps.mailer.send({ to: user.email, ...passwordChangedMail({ name: user.name }) }),
  );
  return succeed(null);
}
