/** Second factors as the API takes and returns them (docs/mfa.md). */
import { z } from 'zod';
import { Timestamp } from './timestamps.ts';
import { SessionResponse, signInMethodView } from './accounts.ts';
import { isStorableText, STORABLE_TEXT_MESSAGE } from './text.ts';

/** Six digits from an authenticator app; spaces (as apps show them) are dropped. */
export const TotpCode = z
  .string()
  .transform((c) => c.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows'));

/** A recovery code as printed (`ABCD-EFGH-JKMN-PQRS`); case, spaces and dashes do not matter. */
export const RecoveryCodeInput = z
  .string()
  .max(64)
  .transform((c) => c.toUpperCase().replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(/^[0-9A-Z]{16}$/, 'must be one of your 16-character recovery codes'));

/** The opaque token of a challenge: base64url of 32 random bytes. */
export const ChallengeToken = z.string().regex(/^[\w-]{43}$/, 'is not a challenge token');

/**
 * What a browser's WebAuthn call returned (@simplewebauthn/browser's JSON): checked for shape
 * here, verified cryptographically by @simplewebauthn/server.
 */
export const WebAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().max(8192) }),
  clientExtensionResults: z.looseObject({}).optional(),
  authenticatorAttachment: z.string().optional(),
});
export type WebAuthnResponse = z.infer<typeof WebAuthnResponse>;

/** Exactly one proof: a TOTP code, a recovery code, or a passkey assertion. */
const Proof = {
  code: TotpCode.optional(),
  recoveryCode: RecoveryCodeInput.optional(),
  passkey: WebAuthnResponse.optional(),
};
const oneProof = (b: { code?: unknown; recoveryCode?: unknown; passkey?: unknown }) =>
  [b.code, b.recoveryCode, b.passkey].filter((p) => p !== undefined).length === 1;
const ONE_PROOF = { message: 'send exactly one of code, recoveryCode or passkey', path: ['code'] };

export const SecondFactorMethod = z.enum(['totp', 'recovery_code', 'passkey']);
export type SecondFactorMethod = z.infer<typeof SecondFactorMethod>;

/** The password was right and the account has a second factor: no session yet, a challenge. */
export const MfaChallengeResponse = z.object({
  mfaRequired: z.literal(true),
  challengeToken: ChallengeToken,
  /** Seconds the challenge lives (MFA_CHALLENGE_TTL). */
  expiresIn: z.number().int(),
  methods: z.array(SecondFactorMethod),
});
export type MfaChallengeResponse = z.infer<typeof MfaChallengeResponse>;

/** POST /api/auth/login: a session, or the second step's challenge. */
export const LoginResponse = z.union([SessionResponse, MfaChallengeResponse]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export function isMfaChallenge(r: LoginResponse): r is MfaChallengeResponse {
  return 'mfaRequired' in r && r.mfaRequired;
}

/** POST /api/auth/mfa/verify: the challenge and one proof. */
export const MfaVerifyBody = z.strictObject({ challengeToken: ChallengeToken, ...Proof }).refine(oneProof, ONE_PROOF);
export type MfaVerifyBody = z.infer<typeof MfaVerifyBody>;

/** POST /api/auth/mfa/step-up: one proof (a passkey with the challenge its options came with). */
export const StepUpBody = z
  .strictObject({ challengeToken: ChallengeToken.optional(), ...Proof })
  .refine(oneProof, ONE_PROOF)
  .refine((b) => b.passkey === undefined || b.challengeToken !== undefined, {
    message: 'a passkey needs the challengeToken its options came with',
    path: ['challengeToken'],
  });
export type StepUpBody = z.infer<typeof StepUpBody>;

export const StepUpResponse = z.object({ mfaVerifiedAt: Timestamp, validUntil: Timestamp });
export type StepUpResponse = z.infer<typeof StepUpResponse>;

export const ChallengeBody = z.strictObject({ challengeToken: ChallengeToken });

/** WebAuthn options for the browser, and the challenge the answer must come back with. */
export const PasskeyCeremony = z.object({
  challengeToken: ChallengeToken,
  options: z.looseObject({ challenge: z.string() }),
});
export type PasskeyCeremony = z.infer<typeof PasskeyCeremony>;

/** POST /api/auth/passkeys/sign-in: a passwordless sign-in with a passkey. */
export const PasskeySignInBody = z.strictObject({ challengeToken: ChallengeToken, passkey: WebAuthnResponse });

export const PasskeyName = z.string().trim().min(1).max(64).refine(isStorableText, STORABLE_TEXT_MESSAGE);

export const PasskeyRegisterBody = z.strictObject({
  challengeToken: ChallengeToken,
  passkey: WebAuthnResponse,
  name: PasskeyName.optional(),
});
export const PasskeyRenameBody = z.strictObject({ name: PasskeyName });

export const TotpConfirmBody = z.strictObject({ code: TotpCode });
export const TotpEnrolment = z.object({
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code: an SVG data URL. */
  qrCode: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

/** Shown once: only their hashes are stored. */
export const RecoveryCodes = z.object({ codes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const PasskeyView = signInMethodView({ name: z.string(), deviceType: z.string(), backedUp: z.boolean() });
export type PasskeyView = z.infer<typeof PasskeyView>;

/** A user's second factors, as they (and admins) see them: never a secret. */
export const MfaStatus = z.object({
  enabled: z.boolean(),
  totp: z.boolean(),
  passkeys: z.number().int(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

/** GET /api/auth/mfa: the caller's own factors, with their passkeys and this session's step-up. */
export const MyMfa = MfaStatus.extend({
  passkeyList: z.array(PasskeyView),
  /** Until when this session may do sensitive actions without a new second factor. */
  stepUpUntil: Timestamp.nullable(),
});
export type MyMfa = z.infer<typeof MyMfa>;
