import { recordAudit } from '../../audit/audit.ts';
import type {
  MfaChallengeResponse,
  MfaVerifyBody,
  MyMfa,
  PasskeyCeremony,
  PasskeyView,
  SecondFactorMethod,
  StepUpBody,
  StepUpResponse,
  TotpEnrolment,
  WebAuthnResponse,
} from '../../contract/mfa.ts';
import { refuse, succeed, type Outcome } from '../../core/outcome.ts';
import type { Actor, RequestContext } from '../../core/request-context.ts';
import { startFamily } from '../../identity/refresh-families.ts';
import { markSecondFactorVerified, secondFactorStatus, stepUpValidUntil } from '../../identity/second-factor.ts';
import { findUserWithRoles, type UserWithRoles } from '../../user-model/user-model.ts';
import { buildSessionResponse, type AuthDeps, type StartedSession } from '../session-response.ts';
import {
  attachWebAuthnChallenge,
  consumeChallenge,
  createChallenge,
  passwordCheckOf,
  pruneChallenges,
  takeChallenge,
  type OpenChallenge,
} from './challenges.ts';
import {
  listPasskeys,
  passkeyAssertionOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  toPasskeyView,
  verifyPasskeyAssertion,
} from './passkeys.ts';
import { redeemRecoveryCode, replaceRecoveryCodes } from './recovery-codes.ts';
import { checkTotp, startTotpEnrolment } from './totp.ts';

type Proof = Pick<MfaVerifyBody, 'code' | 'recoveryCode' | 'passkey'>;

const WRONG_CODE = refuse('invalid_mfa_code', 'The code is wrong, expired or already used');

// ---------------------------------------------------------------------------------------------
// Sign-in, second step

/**
 * Called by logIn once the password is verified: for a user with a second factor, the answer is a
 * short-lived, single-purpose challenge instead of a session (no refresh family, no cookie, no
 * access token). Null when the user has none: the password alone signs in.
 */
export async function offerSecondFactor(
  deps: AuthDeps,
  user: UserWithRoles,
  ctx: RequestContext,
  now: Date,
): Promise<MfaChallengeResponse | null> {
  const status = await secondFactorStatus(deps.db, user.id);
  if (!status.enabled) return null;
  await pruneChallenges(deps.db, now);
  const { token } = await createChallenge(
    deps.db,
    { purpose: 'sign_in', userId: user.id, passwordCheck: passwordCheckOf(user.passwordHash) },
    deps.config.mfa.challengeTtl,
    now,
  );
  const methods: SecondFactorMethod[] = [];
  if (status.totp) methods.push('totp');
  if (status.passkeys > 0) methods.push('passkey');
  if (status.recoveryCodesLeft > 0) methods.push('recovery_code');
  await recordAudit(deps.db, ctx, { type: 'mfa.challenged', userId: user.id, data: { methods } });
  return { mfaRequired: true, challengeToken: token, expiresIn: deps.config.mfa.challengeTtl, methods };
}

/** WebAuthn options for answering an open sign-in (or step-up) challenge with a passkey. */
export async function secondFactorPasskeyOptions(
  deps: AuthDeps,
  challenge: OpenChallenge,
): Promise<Outcome<PasskeyCeremony['options']>> {
  if (!challenge.userId) return refuse('invalid_mfa_challenge', 'This challenge is not for a second factor');
  const options = await passkeyAssertionOptions(deps.db, deps.config.mfa.webauthn, challenge.userId);
  if (options.allowCredentials?.length === 0) return refuse('invalid_passkey', 'This account has no passkey');
  await attachWebAuthnChallenge(deps.db, challenge.id, options.challenge);
  return succeed(options);
}

/** Completes a sign-in challenge with one proof into the same session model as a password sign-in. */
export async function completeSignIn(
  deps: AuthDeps,
  challenge: OpenChallenge,
  proof: Proof,
  ctx: RequestContext,
): Promise<Outcome<StartedSession>> {
  const userId = challenge.userId;
  if (!userId) return refuse('invalid_mfa_challenge', 'This challenge is not for a second factor');
  return redeemChallenge(deps, challenge, ctx, async (now) => {
    const checked = await checkProof(deps, userId, proof, challenge, now);
    if (!checked.ok) {
      await recordAudit(deps.db, ctx, { type: 'mfa.failed', userId, data: { method: methodOf(proof) } });
      return checked;
    }
    return succeed({ userId, method: checked.value });
  });
}

/**
 * How an answered sign-in challenge becomes a session, whichever proof answered it: the proof
 * holds (`prove` audits its own failure), the challenge is spent (of two answers to one challenge
 * only one gets past this), and the session starts.
 */
async function redeemChallenge(
  deps: AuthDeps,
  challenge: OpenChallenge,
  ctx: RequestContext,
  prove: (now: Date) => Promise<Outcome<{ userId: string; method: SecondFactorMethod }>>,
): Promise<Outcome<StartedSession>> {
  const now = deps.clock.now();
  const proven = await prove(now);
  if (!proven.ok) return proven;
  if (!(await consumeChallenge(deps.db, challenge.id, now))) {
    return refuse('invalid_mfa_challenge', 'This challenge was already used');
  }
  const { userId, method } = proven.value;
  return startSecondFactorSession(deps, userId, challenge.passwordCheck, method, ctx, now);
}

/**
 * Starts the session only if the account is still active and (after a password) the password is
 * still the one verified; the guarded update locks the user's row, as logIn does.
 */
async function startSecondFactorSession(
  deps: AuthDeps,
  userId: string,
  passwordCheck: string | null,
  method: SecondFactorMethod,
  ctx: RequestContext,
  now: Date,
): Promise<Outcome<StartedSession>> {
  const user = await findUserWithRoles(deps.db, userId);
  if (!user?.isActive || (passwordCheck !== null && passwordCheckOf(user.passwordHash) !== passwordCheck)) {
    await recordAudit(deps.db, ctx, { type: 'login.failed', userId, data: { reason: 'changed_meanwhile', method } });
    return refuse('invalid_mfa_challenge', 'The account changed since this sign-in began: sign in again');
  }
  const started = await deps.db.$transaction(async (tx) => {
    const [changed] = await tx.user.updateManyAndReturn({
      where: { id: user.id, passwordHash: user.passwordHash, isActive: true },
      data: { lastLoginAt: now },
      select: { lastLoginAt: true, updatedAt: true },
    });
    if (!changed) return null;
    const refresh = await startFamily(tx, user.id, ctx, deps.config.auth, now);
    await markSecondFactorVerified(tx, refresh.familyId, now);
    return { user: { ...user, ...changed }, refresh };
  });
  if (!started) return refuse('invalid_mfa_challenge', 'The account changed since this sign-in began: sign in again');
  await recordAudit(deps.db, ctx, { type: 'login.succeeded', userId, data: { secondFactor: method } });
  const body = buildSessionResponse(deps, started.user, started.refresh.familyId, now);
  return succeed({ body, refresh: started.refresh });
}

/** One proof for the user: a TOTP code (single-use), a recovery code (single-use), or a passkey assertion. */
async function checkProof(
  deps: AuthDeps,
  userId: string,
  proof: Proof,
  challenge: OpenChallenge | null,
  now: Date,
): Promise<Outcome<SecondFactorMethod>> {
  if (proof.code !== undefined) {
    const result = await checkTotp(deps.db, deps.config.mfa, userId, proof.code, now, 'confirmed');
    return result === 'ok' ? succeed('totp') : WRONG_CODE;
  }
  if (proof.recoveryCode !== undefined) {
    return (await redeemRecoveryCode(deps.db, userId, proof.recoveryCode, now)) ? succeed('recovery_code') : WRONG_CODE;
  }
  if (proof.passkey !== undefined) {
    if (!challenge?.webauthnChallenge) return refuse('invalid_passkey', 'Ask for passkey options first');
    const verified = await verifyPasskeyAssertion(
      deps.db,
      deps.config.mfa.webauthn,
      challenge.webauthnChallenge,
      proof.passkey,
      { userId, requireUserVerification: false },
      now,
    );
    return verified.ok ? succeed('passkey') : verified;
  }
  return refuse('validation_failed', 'Send a code, a recovery code or a passkey');
}

function methodOf(proof: Proof): SecondFactorMethod {
  return proof.code !== undefined ? 'totp' : proof.recoveryCode !== undefined ? 'recovery_code' : 'passkey';
}

// ---------------------------------------------------------------------------------------------
// Passwordless sign-in with a passkey

export async function startPasskeySignIn(deps: AuthDeps): Promise<PasskeyCeremony> {
  const now = deps.clock.now();
  const options = await passkeyAssertionOptions(deps.db, deps.config.mfa.webauthn, null);
  const { token } = await createChallenge(
    deps.db,
    { purpose: 'passkey_sign_in', userId: null, webauthnChallenge: options.challenge },
    deps.config.mfa.challengeTtl,
    now,
  );
  return { challengeToken: token, options };
}

/** A user-verified passkey is both factors at once: the session counts as second-factor verified. */
export async function finishPasskeySignIn(
  deps: AuthDeps,
  challenge: OpenChallenge,
  passkey: WebAuthnResponse,
  ctx: RequestContext,
): Promise<Outcome<StartedSession>> {
  const { webauthnChallenge } = challenge;
  if (!webauthnChallenge) return refuse('invalid_mfa_challenge', 'This challenge has no passkey options');
  return redeemChallenge(deps, challenge, ctx, async (now) => {
    const verified = await verifyPasskeyAssertion(
      deps.db,
      deps.config.mfa.webauthn,
      webauthnChallenge,
      passkey,
      { userId: null, requireUserVerification: true },
      now,
    );
    if (!verified.ok) {
      await recordAudit(deps.db, ctx, { type: 'login.failed', data: { reason: 'passkey' } });
      return verified;
    }
    return succeed({ userId: verified.value.userId, method: 'passkey' });
  });
}

// ---------------------------------------------------------------------------------------------
// Step-up

/** A fresh proof from a signed-in user: this session may do sensitive actions for MFA_STEP_UP_WINDOW. */
export async function stepUp(deps: AuthDeps, by: Actor, body: StepUpBody): Promise<Outcome<StepUpResponse>> {
  const now = deps.clock.now();
  const { userId, sessionId, request: ctx } = by;
  if (!sessionId) return refuse('forbidden', 'Only a signed-in session can step up');
  let challenge: OpenChallenge | null = null;
  if (body.passkey !== undefined) {
    const taken = await takeChallenge(deps.db, body.challengeToken ?? '', 'step_up', now, userId);
    if (!taken.ok) return taken;
    challenge = taken.value;
  }
  const checked = await checkProof(deps, userId, body, challenge, now);
  if (!checked.ok) {
    await recordAudit(deps.db, ctx, { type: 'mfa.failed', userId, data: { method: methodOf(body), stepUp: true } });
    return checked;
  }
  if (challenge) await consumeChallenge(deps.db, challenge.id, now);
  await markSecondFactorVerified(deps.db, sessionId, now);
  await recordAudit(deps.db, ctx, { type: 'mfa.step_up', userId, data: { method: checked.value } });
  const validUntil = new Date(now.getTime() + deps.config.mfa.stepUpWindow * 1000);
  return succeed({ mfaVerifiedAt: now.toISOString(), validUntil: validUntil.toISOString() });
}

/** Passkey options for a step-up, with the challenge they belong to. */
export async function startPasskeyStepUp(deps: AuthDeps, userId: string): Promise<Outcome<PasskeyCeremony>> {
  const now = deps.clock.now();
  const options = await passkeyAssertionOptions(deps.db, deps.config.mfa.webauthn, userId);
  if (options.allowCredentials?.length === 0) return refuse('invalid_passkey', 'This account has no passkey');
  const { token } = await createChallenge(
    deps.db,
    { purpose: 'step_up', userId, webauthnChallenge: options.challenge },
    deps.config.mfa.challengeTtl,
    now,
  );
  return succeed({ challengeToken: token, options });
}

// ---------------------------------------------------------------------------------------------
// The caller's own factors

export async function describeMyFactors(
  deps: AuthDeps,
  identity: { userId: string; sessionId?: string | undefined },
): Promise<MyMfa> {
  const [status, passkeyList, until] = await Promise.all([
    secondFactorStatus(deps.db, identity.userId),
    listPasskeys(deps.db, identity.userId),
    stepUpValidUntil(deps, identity.sessionId),
  ]);
  return { ...status, passkeyList, stepUpUntil: until?.toISOString() ?? null };
}

export async function beginTotpEnrolment(deps: AuthDeps, userId: string): Promise<Outcome<TotpEnrolment>> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, include: { totpFactor: true } });
  if (user.totpFactor?.confirmedAt) {
    return refuse('totp_already_enabled', 'Remove the current authenticator app before setting up another');
  }
  const enrolment = await startTotpEnrolment(deps.db, deps.config.mfa, user, deps.clock.now());
  return enrolment
    ? succeed(enrolment)
    : refuse('mfa_unavailable', 'Set MFA_ENCRYPTION_KEYS on the server to use authenticator apps');
}

/**
 * The first code from the app confirms the factor; the first second factor also gets ten
 * recovery codes (shown once, in this answer). The session that enrolled counts as verified.
 */
export async function confirmTotpEnrolment(
  deps: AuthDeps,
  by: Actor,
  code: string,
): Promise<Outcome<{ recoveryCodes: string[] | null }>> {
  const now = deps.clock.now();
  const { userId, sessionId, request: ctx } = by;
  const hadFactor = (await secondFactorStatus(deps.db, userId)).enabled;
  const result = await checkTotp(deps.db, deps.config.mfa, userId, code, now, 'pending');
  if (result === 'none') return refuse('not_found', 'Start the authenticator app set-up first');
  if (result !== 'ok') return WRONG_CODE;
  const recoveryCodes = hadFactor ? null : await deps.db.$transaction((tx) => replaceRecoveryCodes(tx, userId, now));
  if (sessionId) await markSecondFactorVerified(deps.db, sessionId, now);
  await recordAudit(deps.db, ctx, { type: 'mfa.totp_enabled', userId });
  return succeed({ recoveryCodes });
}

/** Removes the authenticator app; with it the last factor, the recovery codes go too. */
export async function removeTotp(deps: AuthDeps, userId: string, ctx: RequestContext): Promise<Outcome<null>> {
  const { count } = await deps.db.totpFactor.deleteMany({ where: { userId } });
  if (count === 0) return refuse('not_found', 'No authenticator app is set up');
  await dropRecoveryCodesWhenNoFactorLeft(deps, userId);
  await recordAudit(deps.db, ctx, { type: 'mfa.totp_disabled', userId });
  return succeed(null);
}

export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  userId: string,
  ctx: RequestContext,
): Promise<Outcome<{ codes: string[] }>> {
  if (!(await secondFactorStatus(deps.db, userId)).enabled) {
    return refuse('conflict', 'Set up an authenticator app or a passkey first');
  }
  const codes = await deps.db.$transaction((tx) => replaceRecoveryCodes(tx, userId, deps.clock.now()));
  await recordAudit(deps.db, ctx, { type: 'mfa.recovery_codes_generated', userId });
  return succeed({ codes });
}

async function dropRecoveryCodesWhenNoFactorLeft(deps: AuthDeps, userId: string): Promise<void> {
  if (!(await secondFactorStatus(deps.db, userId)).enabled)
    await deps.db.recoveryCode.deleteMany({ where: { userId } });
}

// ---------------------------------------------------------------------------------------------
// Passkey management

export async function beginPasskeyRegistration(deps: AuthDeps, userId: string): Promise<PasskeyCeremony> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId } });
  const options = await passkeyRegistrationOptions(deps.db, deps.config.mfa.webauthn, user);
  const { token } = await createChallenge(
    deps.db,
    { purpose: 'passkey_register', userId, webauthnChallenge: options.challenge },
    deps.config.mfa.challengeTtl,
    deps.clock.now(),
  );
  return { challengeToken: token, options };
}

export async function finishPasskeyRegistration(
  deps: AuthDeps,
  by: Actor,
  body: { challengeToken: string; passkey: WebAuthnResponse; name?: string | undefined },
): Promise<Outcome<{ passkey: PasskeyView; recoveryCodes: string[] | null }>> {
  const now = deps.clock.now();
  const { userId, sessionId, request: ctx } = by;
  const taken = await takeChallenge(deps.db, body.challengeToken, 'passkey_register', now, userId);
  if (!taken.ok) return taken;
  const challenge = taken.value;
  if (!challenge.webauthnChallenge) return refuse('invalid_mfa_challenge', 'This challenge has no passkey options');
  const hadFactor = (await secondFactorStatus(deps.db, userId)).enabled;
  const created = await registerPasskey(
    deps.db,
    deps.config.mfa.webauthn,
    userId,
    challenge.webauthnChallenge,
    body.passkey,
    body.name,
    now,
  );
  if (!created.ok) return created;
  await consumeChallenge(deps.db, challenge.id, now);
  const recoveryCodes = hadFactor ? null : await deps.db.$transaction((tx) => replaceRecoveryCodes(tx, userId, now));
  if (sessionId) await markSecondFactorVerified(deps.db, sessionId, now);
  await recordAudit(deps.db, ctx, { type: 'mfa.passkey_added', userId, data: { passkeyId: created.value.id } });
  return succeed({ passkey: toPasskeyView(created.value), recoveryCodes });
}

export async function renamePasskey(
  deps: AuthDeps,
  userId: string,
  id: string,
  name: string,
): Promise<Outcome<PasskeyView>> {
  const [row] = await deps.db.passkey.updateManyAndReturn({ where: { id, userId }, data: { name } });
  return row ? succeed(toPasskeyView(row)) : refuse('not_found', 'No such passkey');
}

export async function removePasskey(
  deps: AuthDeps,
  userId: string,
  id: string,
  ctx: RequestContext,
): Promise<Outcome<null>> {
  const { count } = await deps.db.passkey.deleteMany({ where: { id, userId } });
  if (count === 0) return refuse('not_found', 'No such passkey');
  await dropRecoveryCodesWhenNoFactorLeft(deps, userId);
  await recordAudit(deps.db, ctx, { type: 'mfa.passkey_removed', userId, data: { passkeyId: id } });
  return succeed(null);
}
