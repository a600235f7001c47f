import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../audit/audit.ts';
import { HttpError } from '../http/http-error.ts';
import type { RequestContext } from '../http/request-context.ts';
import { isDuplicateEmail } from '../users/email.ts';
import { toPublicUser, withRoleNames, type PublicUser, type UserWithRoles } from '../users/users.serializer.ts';
import type { LoginBody, RegisterBody } from './auth.schemas.ts';
import type { KeySet } from './keys.ts';
import { isPasswordAboutUser } from './password-policy.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { revokeUserFamilies, startFamily, type IssuedRefreshToken } from './refresh-families.ts';
import type { RevocationStore } from './revocation.ts';
import { issueAccessToken } from './tokens.ts';

export interface AuthDeps {
  db: Db;
  config: Config;
  keys: KeySet;
  revocations: RevocationStore;
  clock: Clock;
}

/** What login, register and refresh answer (the refresh token goes into the cookie, never here). */
export interface SessionResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: PublicUser;
}

export interface StartedSession {
  body: SessionResponse;
  refresh: IssuedRefreshToken;
}

const DEFAULT_ROLE = 'user';

/** Creates the user with the default role and starts their first session. */
export async function registerUser(deps: AuthDeps, input: RegisterBody, ctx: RequestContext): Promise<StartedSession> {
  if (isPasswordAboutUser(input.password, input.email)) {
    throw new HttpError('validation_failed', 'The password must not be your email address', {
      errors: [{ path: 'password', message: 'must not be your email address' }],
    });
  }
  const passwordHash = await hashPassword(input.password, deps.config.auth.argon2);
  const user = await createUserOrConflict(deps.db, { email: input.email, name: input.name ?? '', passwordHash });
  await recordAudit(deps.db, ctx, { type: 'user.registered', userId: user.id });
  return startSession(deps, user, ctx);
}

async function createUserOrConflict(db: Db, data: { email: string; name: string; passwordHash: string }) {
  try {
    return await db.user.create({
      data: { ...data, roles: { create: [{ roleName: DEFAULT_ROLE }] } },
      include: withRoleNames,
    });
  } catch (error) {
    if (isDuplicateEmail(error)) {
      throw new HttpError('email_taken', 'An account with this email already exists');
    }
    throw error;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Unknown email and wrong password answer alike and take about as long: an unknown email is
 * still verified, against a hash made with the same parameters.
 */
export async function logIn(deps: AuthDeps, input: LoginBody, ctx: RequestContext): Promise<StartedSession> {
  // Taken before the reads that authorise the login: a revocation of the user that lands while
  // it runs is then later than the token's iat (docs/security.md, "Revocation").
  const issuedAt = deps.clock.now();
  const user = await deps.db.user.findUnique({ where: { email: input.email }, include: withRoleNames });
  dummyHash ??= hashPassword('dummy password for timing', deps.config.auth.argon2);
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !matches) {
    await recordAudit(deps.db, ctx, {
      type: 'login.failed',
      userId: user?.id,
      data: { reason: user ? 'password' : 'unknown_email' },
    });
    throw new HttpError('invalid_credentials', 'The email or password is wrong');
  }
  if (!user.isActive) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId: user.id, data: { reason: 'inactive' } });
    throw new HttpError('account_inactive', 'This account has been deactivated');
  }
  const rehashed = needsRehash(user.passwordHash, deps.config.auth.argon2)
    ? { passwordHash: await hashPassword(input.password, deps.config.auth.argon2) }
    : {};
  const started = await startVerifiedSession(deps, user, rehashed, ctx, issuedAt);
  if (!started) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId: user.id, data: { reason: 'changed_meanwhile' } });
    throw new HttpError('invalid_credentials', 'The email or password is wrong');
  }
  await recordAudit(deps.db, ctx, { type: 'login.succeeded', userId: user.id });
  return {
    body: buildSessionResponse(deps, started.user, started.refresh.familyId, issuedAt),
    refresh: started.refresh,
  };
}

/**
 * Starts the session only if the password that was verified is still the stored one and the
 * account is still active. The guarded update locks the user's row, so a password change or a
 * deactivation either commits first (and nothing starts) or waits, and then revokes this session.
 */
async function startVerifiedSession(
  deps: AuthDeps,
  user: UserWithRoles,
  rehashed: { passwordHash?: string },
  ctx: RequestContext,
  now: Date,
) {
  return deps.db.$transaction(async (tx) => {
    const [changed] = await tx.user.updateManyAndReturn({
      where: { id: user.id, passwordHash: user.passwordHash, isActive: true },
      data: { lastLoginAt: now, ...rehashed },
      select: { lastLoginAt: true, updatedAt: true, passwordHash: true },
    });
    if (!changed) return null;
    const refresh = await startFamily(tx, user.id, ctx, deps.config.auth, now);
    return { user: { ...user, ...changed }, refresh };
  });
}

async function startSession(deps: AuthDeps, user: UserWithRoles, ctx: RequestContext): Promise<StartedSession> {
  const now = deps.clock.now();
  const refresh = await startFamily(deps.db, user.id, ctx, deps.config.auth, now);
  return { body: buildSessionResponse(deps, user, refresh.familyId, now), refresh };
}

/**
 * A fresh access token for the user in the given session. `issuedAt` is the time taken before
 * the reads that authorised it, never later.
 */
export function buildSessionResponse(
  deps: AuthDeps,
  user: UserWithRoles,
  sessionId: string,
  issuedAt: Date,
): SessionResponse {
  const publicUser = toPublicUser(user);
  const { token, expiresIn } = issueAccessToken(
    deps.keys,
    { userId: user.id, roles: publicUser.roles, sessionId },
    deps.config.auth,
    issuedAt,
  );
  return { accessToken: token, tokenType: 'Bearer', expiresIn, user: publicUser };
}

/** Changes the password after checking the current one, and ends every other session. */
export async function changePassword(
  deps: AuthDeps,
  identity: { userId: string; sessionId?: string | undefined },
  input: { currentPassword: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: identity.userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new HttpError('invalid_credentials', 'The current password is wrong');
  }
  if (input.newPassword === input.currentPassword || isPasswordAboutUser(input.newPassword, user.email)) {
    throw new HttpError('validation_failed', 'Choose a new password that differs from the current one and your email', {
      errors: [{ path: 'newPassword', message: 'must differ from the current password and your email' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.auth.argon2);
  const revoked = await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const ids = await revokeUserFamilies(tx, user.id, 'password_changed', deps.clock.now(), {
      except: identity.sessionId,
    });
    await recordAudit(tx, ctx, { type: 'password.changed', userId: user.id, data: { sessionsRevoked: ids.length } });
    return ids;
  });
  await Promise.all(revoked.map((id) => deps.revocations.revokeSession(id)));
}
