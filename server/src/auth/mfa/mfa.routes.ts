import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { SessionResponse } from '../../contract/accounts.ts';
import {
  ChallengeBody,
  MfaVerifyBody,
  MyMfa,
  PasskeyCeremony,
  PasskeyRegisterBody,
  PasskeyRenameBody,
  PasskeySignInBody,
  PasskeyView,
  RecoveryCodes,
  StepUpBody,
  StepUpResponse,
  TotpConfirmBody,
  TotpEnrolment,
} from '../../contract/mfa.ts';
import { createJsonBody } from '../../http/body.ts';
import { HttpError, unwrap } from '../../http/http-error.ts';
import { createRateLimiter, limitRequests } from '../../http/rate-limit.ts';
import { requestContext } from '../../http/request-context.ts';
import { route, type Route } from '../../http/routes.ts';
import { actingUser, currentIdentity, requireAuth, requireFreshUser, requireUser } from '../../identity/guards.ts';
import { requireRecentSecondFactor } from '../../identity/second-factor.ts';
import type { StartedSession } from '../session-response.ts';
import { takeChallenge } from './challenges.ts';
import {
  beginPasskeyRegistration,
  beginTotpEnrolment,
  completeSignIn,
  confirmTotpEnrolment,
  describeMyFactors,
  finishPasskeyRegistration,
  finishPasskeySignIn,
  regenerateRecoveryCodes,
  removePasskey,
  removeTotp,
  renamePasskey,
  secondFactorPasskeyOptions,
  startPasskeySignIn,
  startPasskeyStepUp,
  stepUp,
} from './mfa.service.ts';

const FIFTEEN_MINUTES = 15 * 60;
const PasskeyParams = z.object({ id: z.uuid() });

/**
 * Second factors under /api/auth (docs/mfa.md): the second step of sign-in, passwordless passkey
 * sign-in, step-up, and the caller's own TOTP, recovery codes and passkeys. `withCookie` is the
 * auth feature's: a completed challenge ends in the same session model as a password sign-in.
 */
export function mfaRoutes(
  ctx: AppContext,
  withCookie: (res: Parameters<Route['handle']>[1], s: StartedSession) => unknown,
): Route[] {
  const { limits } = ctx;
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  // Guesses at a code count per user, wherever they arrive (sign-in, step-up, confirmation).
  const codeGuesses = createRateLimiter(
    { name: 'mfa', points: ctx.config.mfa.rateLimit, durationSeconds: FIFTEEN_MINUTES },
    { redis: ctx.redis, prefix: ctx.config.redisPrefix },
  );
  const limitCodesOf = (userId: string) => spend(codeGuesses, userId);
  const limitCallerCodes = limitRequests(codeGuesses, (req) => currentIdentity(req).userId);
  const signedIn = [requireAuth, requireUser, requireFreshUser(ctx.db)];
  const stepUpFirst = requireRecentSecondFactor(ctx);

  return [
    route.post('/mfa/verify', {
      summary: 'Complete a sign-in challenge with a TOTP code, a recovery code or a passkey',
      use: [limits.loginIp, ...json],
      body: MfaVerifyBody,
      responses: { 200: SessionResponse },
      errors: ['invalid_mfa_challenge', 'invalid_mfa_code', 'invalid_passkey'],
      handle: async (req, res, { body }) => {
        const challenge = unwrap(await takeChallenge(ctx.db, body.challengeToken, 'sign_in', ctx.clock.now()));
        if (challenge.userId) await limitCodesOf(challenge.userId);
        return withCookie(res, unwrap(await completeSignIn(ctx, challenge, body, requestContext(req))));
      },
    }),
    route.post('/mfa/passkey-options', {
      summary: 'WebAuthn options for answering a sign-in challenge with a passkey',
      use: [limits.loginIp, ...json],
      body: ChallengeBody,
      responses: { 200: PasskeyCeremony.shape.options },
      errors: ['invalid_mfa_challenge', 'invalid_passkey'],
      handle: async (_req, _res, { body }) => {
        const challenge = unwrap(await takeChallenge(ctx.db, body.challengeToken, 'sign_in', ctx.clock.now()));
        return unwrap(await secondFactorPasskeyOptions(ctx, challenge));
      },
    }),
    route.post('/passkeys/sign-in/options', {
      summary: 'Start a passwordless sign-in with a passkey: WebAuthn options and their challenge',
      use: [limits.loginIp],
      responses: { 200: PasskeyCeremony },
      handle: () => startPasskeySignIn(ctx),
    }),
    route.post('/passkeys/sign-in', {
      summary: 'Sign in with a passkey alone (user-verified: both factors at once)',
      use: [limits.loginIp, ...json],
      body: PasskeySignInBody,
      responses: { 200: SessionResponse },
      errors: ['invalid_mfa_challenge', 'invalid_passkey'],
      handle: async (req, res, { body }) => {
        const challenge = unwrap(await takeChallenge(ctx.db, body.challengeToken, 'passkey_sign_in', ctx.clock.now()));
        return withCookie(res, unwrap(await finishPasskeySignIn(ctx, challenge, body.passkey, requestContext(req))));
      },
    }),
    route.get('/mfa', {
      summary: 'The caller’s second factors, passkeys, and until when this session is stepped up',
      use: signedIn,
      responses: { 200: MyMfa },
      handle: (req) => describeMyFactors(ctx, currentIdentity(req)),
    }),
    route.post('/mfa/step-up', {
      summary: 'Prove a second factor again, for sensitive actions within MFA_STEP_UP_WINDOW',
      use: [...signedIn, limitCallerCodes, ...json],
      body: StepUpBody,
      responses: { 200: StepUpResponse },
      errors: ['invalid_mfa_code', 'invalid_passkey', 'invalid_mfa_challenge'],
      handle: async (req, _res, { body }) => unwrap(await stepUp(ctx, actingUser(req), body)),
    }),
    route.post('/mfa/step-up/passkey-options', {
      summary: 'WebAuthn options for a step-up with a passkey, and their challenge',
      use: signedIn,
      responses: { 200: PasskeyCeremony },
      errors: ['invalid_passkey'],
      handle: async (req) => unwrap(await startPasskeyStepUp(ctx, currentIdentity(req).userId)),
    }),
    route.post('/mfa/totp', {
      summary: 'Start setting up an authenticator app: the secret, its otpauth URI and a QR code',
      use: signedIn,
      responses: { 200: TotpEnrolment },
      errors: ['totp_already_enabled', 'mfa_unavailable'],
      handle: async (req) => unwrap(await beginTotpEnrolment(ctx, currentIdentity(req).userId)),
    }),
    route.post('/mfa/totp/confirm', {
      summary: 'Confirm the authenticator app with its first code; the first factor also yields recovery codes',
      use: [...signedIn, limitCallerCodes, ...json],
      body: TotpConfirmBody,
      responses: { 200: z.object({ recoveryCodes: z.array(z.string()).nullable() }) },
      errors: ['invalid_mfa_code', 'not_found'],
      handle: async (req, _res, { body }) => unwrap(await confirmTotpEnrolment(ctx, actingUser(req), body.code)),
    }),
    route.delete('/mfa/totp', {
      summary: 'Remove the authenticator app (needs a recent second factor)',
      use: [...signedIn, stepUpFirst],
      responses: { 204: null },
      errors: ['not_found'],
      handle: async (req) => unwrap(await removeTotp(ctx, currentIdentity(req).userId, requestContext(req))),
    }),
    route.post('/mfa/recovery-codes', {
      summary: 'Replace the recovery codes with ten new ones, shown once (needs a recent second factor)',
      use: [...signedIn, stepUpFirst],
      responses: { 200: RecoveryCodes },
      errors: ['conflict'],
      handle: async (req) =>
        unwrap(await regenerateRecoveryCodes(ctx, currentIdentity(req).userId, requestContext(req))),
    }),
    route.post('/passkeys/options', {
      summary: 'Start registering a passkey: WebAuthn options and their challenge (needs a recent second factor)',
      use: [...signedIn, stepUpFirst],
      responses: { 200: PasskeyCeremony },
      handle: (req) => beginPasskeyRegistration(ctx, currentIdentity(req).userId),
    }),
    route.post('/passkeys', {
      summary: 'Register a passkey from the browser’s answer; the first factor also yields recovery codes',
      use: [...signedIn, stepUpFirst, ...json],
      body: PasskeyRegisterBody,
      responses: { 201: z.object({ passkey: PasskeyView, recoveryCodes: z.array(z.string()).nullable() }) },
      errors: ['invalid_mfa_challenge', 'invalid_passkey'],
      handle: async (req, _res, { body }) => unwrap(await finishPasskeyRegistration(ctx, actingUser(req), body)),
    }),
    route.patch('/passkeys/:id', {
      summary: 'Rename one of the caller’s passkeys (needs a recent second factor)',
      use: [...signedIn, stepUpFirst, ...json],
      params: PasskeyParams,
      body: PasskeyRenameBody,
      responses: { 200: PasskeyView },
      handle: async (req, _res, { params, body }) =>
        unwrap(await renamePasskey(ctx, currentIdentity(req).userId, params.id, body.name)),
    }),
    route.delete('/passkeys/:id', {
      summary: 'Remove one of the caller’s passkeys (needs a recent second factor)',
      use: [...signedIn, stepUpFirst],
      params: PasskeyParams,
      responses: { 204: null },
      handle: async (req, _res, { params }) =>
        unwrap(await removePasskey(ctx, currentIdentity(req).userId, params.id, requestContext(req))),
    }),
  ];
}

/** One guess at a code for the user, or 429 with Retry-After (the shared limiter's answer). */
async function spend(limiter: ReturnType<typeof createRateLimiter>, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    const msBeforeNext = (rejection as { msBeforeNext?: unknown }).msBeforeNext;
    if (typeof msBeforeNext !== 'number') throw rejection;
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new HttpError('rate_limited', `Too many attempts; try again in ${retryAfter} s`, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
