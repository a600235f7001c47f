import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Config } from '../../config.ts';
import type { PasskeyCeremony, PasskeyView, WebAuthnResponse } from '../../contract/mfa.ts';
import { refuse, succeed, type Outcome } from '../../core/outcome.ts';
import type { Db } from '../../db/client.ts';
import type { Passkey } from '../../generated/prisma/client.ts';

type WebAuthnConfig = Config['mfa']['webauthn'];
type AuthenticatorTransportFuture = NonNullable<
  Parameters<typeof generateAuthenticationOptions>[0]['allowCredentials']
>[number]['transports'] extends (infer T)[] | undefined
  ? T
  : never;
/** The library's JSON options, as the contract passes them through to the browser. */
type WebAuthnOptions = PasskeyCeremony['options'] & { allowCredentials?: unknown[] };

const CEREMONY_TIMEOUT_MS = 120_000;

export function toPasskeyView(p: Passkey): PasskeyView {
  return {
    id: p.id,
    name: p.name,
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listPasskeys(db: Db, userId: string): Promise<PasskeyView[]> {
  const rows = await db.passkey.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(toPasskeyView);
}

/**
 * Options for navigator.credentials.create(): a discoverable credential (so it can also sign in
 * without a password), the user's existing passkeys excluded so one authenticator is not added twice.
 */
export async function passkeyRegistrationOptions(
  db: Db,
  rp: WebAuthnConfig,
  user: { id: string; email: string; name: string },
) {
  const existing = await db.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.email,
    userDisplayName: user.name || user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    timeout: CEREMONY_TIMEOUT_MS,
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  return options as unknown as WebAuthnOptions;
}

/** Verifies the browser's answer against the offered challenge and stores the new passkey. */
export async function registerPasskey(
  db: Db,
  rp: WebAuthnConfig,
  userId: string,
  expectedChallenge: string,
  response: WebAuthnResponse,
  name: string | undefined,
  now: Date,
): Promise<Outcome<Passkey>> {
  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      ...expectedCeremony(rp, expectedChallenge),
      requireUserVerification: false,
    });
    if (!verified.verified) return refuse('invalid_passkey', 'The passkey registration could not be verified');
    info = verified.registrationInfo;
  } catch (error) {
    return refuse('invalid_passkey', `The passkey registration could not be verified: ${describe(error)}`);
  }
  const count = await db.passkey.count({ where: { userId } });
  const passkey = await db.passkey.create({
    data: {
      userId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: BigInt(info.credential.counter),
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: name ?? `Passkey ${count + 1}`,
      createdAt: now,
    },
  });
  return succeed(passkey);
}

/** Options for navigator.credentials.get(): the user's passkeys, or any (discoverable) for a passwordless sign-in. */
export async function passkeyAssertionOptions(db: Db, rp: WebAuthnConfig, userId: string | null) {
  const allow = userId
    ? await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } })
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    timeout: CEREMONY_TIMEOUT_MS,
    // Without a password first, the passkey is both factors: the authenticator must verify the user.
    userVerification: userId ? 'preferred' : 'required',
    allowCredentials: allow.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
  });
  return options as unknown as WebAuthnOptions;
}

/**
 * Verifies an assertion: the credential must be a known passkey (of `userId`, when given), the
 * signature over the offered challenge valid, and the counter moving forward. Updates the counter
 * and last use. Returns the passkey's owner.
 */
export async function verifyPasskeyAssertion(
  db: Db,
  rp: WebAuthnConfig,
  expectedChallenge: string,
  response: WebAuthnResponse,
  options: { userId: string | null; requireUserVerification: boolean },
  now: Date,
): Promise<Outcome<{ userId: string; passkeyId: string }>> {
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || (options.userId !== null && passkey.userId !== options.userId)) {
    return refuse('invalid_passkey', 'This passkey is not registered for the account');
  }
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      ...expectedCeremony(rp, expectedChallenge),
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: options.requireUserVerification,
    });
    if (!verified.verified) return refuse('invalid_passkey', 'The passkey signature could not be verified');
    newCounter = verified.authenticationInfo.newCounter;
  } catch (error) {
    return refuse('invalid_passkey', `The passkey could not be verified: ${describe(error)}`);
  }
  await db.passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(newCounter), lastUsedAt: now } });
  return succeed({ userId: passkey.userId, passkeyId: passkey.id });
}

/** The library's message names what did not match (origin, RP ID, challenge); it holds no secret. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}

/** What every ceremony must answer to: the challenge we issued, on one of our origins, for our RP ID. */
function expectedCeremony(rp: WebAuthnConfig, expectedChallenge: string) {
  return { expectedChallenge, expectedOrigin: rp.origins, expectedRPID: rp.rpId };
}
