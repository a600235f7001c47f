import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { ErrorCode } from '../contract/errors.ts';
import type { LinkedIdentityList } from '../contract/oidc.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor, RequestContext } from '../core/request-context.ts';
import { isRecordMissing } from '../db/prisma-errors.ts';
import { hashPassword } from '../identity/passwords.ts';
import { hasSecondFactor } from '../identity/second-factor.ts';
import { startFamily, type IssuedRefreshToken } from '../identity/refresh-families.ts';
import { findUserByEmail, isDuplicateEmail, normalizeEmail } from '../user-model/user-model.ts';
import type { RelyingParty, VerifiedClaims } from './relying-party.ts';

type Deps = Pick<AppContext, 'db' | 'config' | 'clock' | 'logger'>;

/** How long a started sign-in may take at the provider before its callback is refused. */
const LOGIN_TTL_MS = 10 * 60 * 1000;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/** Starts a sign-in (or, with `linkUserId`, a link) at the provider; the state goes to the browser's cookie. */
export async function startLogin(
  deps: Deps,
  party: RelyingParty,
  intent: { returnTo: string; linkUserId?: string | undefined },
): Promise<{ url: URL; state: string }> {
  const request = await party.startAuthorization();
  const now = deps.clock.now();
  await deps.db.$transaction([
    // Sign-ins abandoned at the provider are swept by the next one that starts.
    deps.db.oidcLogin.deleteMany({ where: { expiresAt: { lt: now } } }),
    deps.db.oidcLogin.create({
      data: {
        stateHash: hashState(request.state),
        provider: party.provider.id,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo: intent.returnTo,
        linkUserId: intent.linkUserId ?? null,
        expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
      },
    }),
  ]);
  return { url: request.url, state: request.state };
}

/** How a callback ended: a new session, a link to the signed-in user, or a refusal (of a link or not). */
export type CallbackResult =
  | { kind: 'session'; refresh: IssuedRefreshToken; returnTo: string }
  | { kind: 'linked'; returnTo: string }
  | { kind: 'refused'; code: ErrorCode; linking: boolean };

const refused = (code: ErrorCode, linking = false): CallbackResult => ({ kind: 'refused', code, linking });

/**
 * Finishes a sign-in. The stored attempt is taken (deleted) first, so a replayed callback finds
 * nothing; it must be this browser's (`cookieState`) and this provider's. Then the library
 * exchanges the code and verifies the ID token, and the identity decides the account.
 */
export async function finishLogin(
  deps: Deps,
  party: RelyingParty,
  callback: { query: string; state: string | undefined; cookieState: string | undefined },
  ctx: RequestContext,
): Promise<CallbackResult> {
  const { state, cookieState } = callback;
  if (!state || state !== cookieState) return refused('oidc_state_invalid');
  const attempt = await takeLogin(deps, hashState(state), party.provider.id);
  if (!attempt) return refused('oidc_state_invalid');
  const linking = attempt.linkUserId !== null;
  let claims: VerifiedClaims;
  try {
    claims = await party.finishAuthorization(callback.query, { ...attempt, state });
  } catch (error) {
    deps.logger.warn('oidc: the provider answer did not verify', {
      provider: party.provider.id,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    });
    return refused('oidc_token_rejected', linking);
  }
  const identity = { provider: party.provider.id, claims };
  if (attempt.linkUserId) {
    const linked = await linkIdentity(deps, { userId: attempt.linkUserId, request: ctx }, identity);
    return linked.ok ? { kind: 'linked', returnTo: attempt.returnTo } : refused(linked.code, true);
  }
  const user = await resolveAccount(deps, party, identity, ctx);
  if (!user.ok) return refused(user.code);
  const refresh = await startSession(deps, user.value, identity.provider, ctx);
  return refresh.ok ? { kind: 'session', refresh: refresh.value, returnTo: attempt.returnTo } : refused(refresh.code);
}

/** Deletes and returns the attempt: of two callbacks with one state, only one gets it. */
async function takeLogin(deps: Deps, stateHash: string, provider: string) {
  const attempt = await deps.db.oidcLogin.delete({ where: { stateHash } }).catch((error: unknown) => {
    if (isRecordMissing(error)) return null;
    throw error;
  });
  if (!attempt || attempt.provider !== provider || attempt.expiresAt <= deps.clock.now()) return null;
  return attempt;
}

interface ProviderIdentity {
  provider: string;
  claims: VerifiedClaims;
}

/**
 * The account a provider identity signs in to: the one it is linked to; else a new account for
 * a verified email nobody has (where the provider allows sign-up). An email that already has an
 * account is never joined here: its owner must sign in and link, which proves control of both.
 */
async function resolveAccount(
  deps: Deps,
  party: RelyingParty,
  identity: ProviderIdentity,
  ctx: RequestContext,
): Promise<Outcome<string>> {
  const linkedTo = await findLinkedUser(deps, identity);
  if (linkedTo) return succeed(linkedTo);
  const { provider, claims } = identity;
  if (!claims.email || !claims.emailVerified) {
    return refuse('oidc_email_unverified', 'The provider has not verified your email address');
  }
  const email = normalizeEmail(claims.email);
  if (await findUserByEmail(deps.db, email)) {
    return refuse('oidc_account_exists', 'An account with this email exists: sign in, then link it in settings');
  }
  if (!party.provider.allowSignup) return refuse('oidc_signup_disabled', 'This provider cannot create accounts');
  return createAccount(deps, { provider, claims, email }, ctx);
}

/** A new account owned by the identity: verified email, and a password nobody knows (unset). */
async function createAccount(
  deps: Deps,
  { provider, claims, email }: ProviderIdentity & { email: string },
  ctx: RequestContext,
): Promise<Outcome<string>> {
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'), deps.config.auth.argon2);
  try {
    const user = await deps.db.user.create({
      data: {
        email,
        name: (claims.name ?? '').slice(0, 100),
        passwordHash,
        passwordSet: false,
        emailVerified: true,
        roles: { create: [{ roleName: 'user' }] },
        identities: { create: [{ provider, subject: claims.subject, email }] },
      },
      select: { id: true },
    });
    await recordAudit(deps.db, ctx, { type: 'user.registered', userId: user.id, data: { provider } });
    return succeed(user.id);
  } catch (error) {
    // Two first sign-ins at once: the loser finds the account taken.
    if (isDuplicateEmail(error)) return refuse('oidc_account_exists', 'An account with this email exists');
    throw error;
  }
}

/** The same session model as a password sign-in: a new refresh family, for an active account. */
async function startSession(
  deps: Deps,
  userId: string,
  provider: string,
  ctx: RequestContext,
): Promise<Outcome<IssuedRefreshToken>> {
  // A provider vouches for one factor. An account that chose two-step sign-in is not opened by
  // it alone: its owner signs in with the password and the second factor (docs/oidc.md).
  if (await hasSecondFactor(deps.db, userId)) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId, data: { reason: 'second_factor', provider } });
    return refuse('oidc_second_factor_required', 'This account uses two-step sign-in: sign in with your password');
  }
  const now = deps.clock.now();
  const started = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, isActive: true }, data: { lastLoginAt: now } });
    if (count === 0) return null;
    await tx.userIdentity.updateMany({ where: { userId, provider }, data: { lastUsedAt: now } });
    return startFamily(tx, userId, ctx, deps.config.auth, now);
  });
  if (!started) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId, data: { reason: 'inactive', provider } });
    return refuse('account_inactive', 'This account has been deactivated');
  }
  await recordAudit(deps.db, ctx, { type: 'login.succeeded', userId, data: { method: 'oidc', provider } });
  return succeed(started);
}

/** The user the provider's subject is linked to, or null. */
async function findLinkedUser(deps: Deps, { provider, claims }: ProviderIdentity): Promise<string | null> {
  const linked = await deps.db.userIdentity.findUnique({
    where: { provider_subject: { provider, subject: claims.subject } },
    select: { userId: true },
  });
  return linked?.userId ?? null;
}

/** Links the identity to the signed-in user who started the link; never to anyone else. */
async function linkIdentity(deps: Deps, by: Actor, identity: ProviderIdentity): Promise<Outcome<null>> {
  const { userId } = by;
  const linkedTo = await findLinkedUser(deps, identity);
  if (linkedTo && linkedTo !== userId) {
    return refuse('oidc_identity_taken', 'This identity is already linked to another account');
  }
  if (!linkedTo) {
    const { provider, claims } = identity;
    const email = claims.email ? normalizeEmail(claims.email) : '';
    await deps.db.userIdentity.create({ data: { userId, provider, subject: claims.subject, email } });
    await recordAudit(deps.db, by.request, { type: 'identity.linked', userId, data: { provider } });
  }
  return succeed(null);
}

/** The user's linked identities, named by the configured providers. */
export async function listIdentities(deps: Deps, userId: string): Promise<LinkedIdentityList> {
  const [identities, user] = await Promise.all([
    deps.db.userIdentity.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } }),
    deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordSet: true } }),
  ]);
  const names = new Map(deps.config.oidc.providers.map((provider) => [provider.id, provider.name]));
  return {
    items: identities.map((identity) => ({
      id: identity.id,
      provider: identity.provider,
      providerName: names.get(identity.provider) ?? identity.provider,
      email: identity.email,
      createdAt: identity.createdAt.toISOString(),
      lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
    })),
    hasPassword: user.passwordSet,
  };
}

/**
 * Unlinks one of the user's identities, unless it is their last way to sign in (no password and
 * no other identity). The check and the delete run under a lock of the user's row, so two
 * unlinks at once cannot each leave the other as the last one and remove both.
 */
export async function unlinkIdentity(
  deps: Deps,
  userId: string,
  id: string,
  ctx: RequestContext,
): Promise<Outcome<null>> {
  const outcome = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    const identity = await tx.userIdentity.findFirst({ where: { id, userId } });
    if (!identity) return refuse('not_found', 'No such linked identity');
    const [user, others] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordSet: true } }),
      tx.userIdentity.count({ where: { userId, id: { not: id } } }),
    ]);
    if (!user.passwordSet && others === 0) {
      return refuse('last_sign_in_method', 'Set a password or link another provider before removing this one');
    }
    await tx.userIdentity.delete({ where: { id } });
    await recordAudit(tx, ctx, { type: 'identity.unlinked', userId, data: { provider: identity.provider } });
    return succeed(null);
  });
  return outcome;
}
