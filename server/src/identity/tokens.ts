import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { JwtKey, KeySet } from './keys.ts';

const seconds = z.number().int();

/** What a verified access token says; unknown claims are dropped. */
export const AccessClaims = z.object({
  sub: z.string().min(1),
  iss: z.string(),
  aud: z.string(),
  /**
   * Issued-at with milliseconds (NumericDate may be fractional, RFC 7519 section 2): revocations
   * compare against it, and whole seconds would refuse a token issued just after one.
   */
  iat: z.number().nonnegative(),
  exp: seconds,
  nbf: seconds.optional(),
  jti: z.string().min(1),
  roles: z.array(z.string()),
  scope: z.string().optional(),
  /** The refresh family (session) the token was issued for. */
  sid: z.string().optional(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

const INVALID: VerifyResult = { ok: false, reason: 'invalid' };
const EXPIRED: VerifyResult = { ok: false, reason: 'expired' };

// How far ahead of this instance's clock another instance's may run. A token dated later than
// that was not issued by us as we run now, and an iat in the future would dodge every
// revocation stamp (they refuse tokens issued before them).
export const FUTURE_LEEWAY_SECONDS = 5;

// Far above any token we issue; a bigger one is refused before any parsing.
const MAX_TOKEN_LENGTH = 8192;

// Each asks the verifier to fetch or trust a key, or to understand an extension, named by the
// token itself. We never do, so a token carrying one was not issued by us.
const REFUSED_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'];

/** Signs a short-lived access token with the active key; times come from `now`, never the machine clock. */
export function issueAccessToken(
  keys: KeySet,
  subject: { userId: string; roles: string[]; scope?: string | undefined; sessionId?: string | undefined },
  auth: { issuer: string; audience: string; accessTokenTtl: number },
  now: Date,
): { token: string; jti: string; expiresIn: number; claims: AccessClaims } {
  const iat = now.getTime() / 1000;
  const claims: AccessClaims = {
    sub: subject.userId,
    iss: auth.issuer,
    aud: auth.audience,
    iat,
    exp: toSeconds(now) + auth.accessTokenTtl,
    jti: randomUUID(),
    roles: [...subject.roles],
    ...(subject.scope !== undefined && { scope: subject.scope }),
    ...(subject.sessionId !== undefined && { sid: subject.sessionId }),
  };
  // jsonwebtoken keeps an explicit iat (its `noTimestamp` option would delete it instead).
  const { signingKey, alg, kid } = keys.active;
  const token = jwt.sign(claims, signingKey, { algorithm: alg, keyid: kid });
  return { token, jti: claims.jti, expiresIn: auth.accessTokenTtl, claims };
}

/**
 * Checks signature, header, issuer, audience, times and claim shapes. `expired` only for a token
 * that is otherwise entirely valid (the client may refresh); anything else is `invalid`.
 */
export function verifyAccessToken(
  token: string,
  keys: KeySet,
  auth: { issuer: string; audience: string },
  now: Date,
): VerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return INVALID;
  const key = selectKey(readHeader(token), keys);
  if (!key) return INVALID;
  const nowSeconds = toSeconds(now);
  let payload: unknown;
  try {
    // Expiry is checked below, after everything else, so that `expired` never hides `invalid`.
    payload = jwt.verify(token, key.verifyKey, {
      algorithms: [key.alg],
      issuer: auth.issuer,
      audience: auth.audience,
      clockTimestamp: nowSeconds,
      // nbf is judged strictly (we never set one); exp below; iat after parsing, with the leeway.
      clockTolerance: 0,
      ignoreExpiration: true,
    });
  } catch {
    return INVALID;
  }
  const parsed = AccessClaims.safeParse(payload);
  if (!parsed.success) return INVALID;
  if (parsed.data.iat > now.getTime() / 1000 + FUTURE_LEEWAY_SECONDS) return INVALID;
  if (nowSeconds >= parsed.data.exp) return EXPIRED;
  return { ok: true, claims: parsed.data };
}

/** The key named by the header's kid, if the header is one we could have written. */
function selectKey(header: Record<string, unknown> | undefined, keys: KeySet): JwtKey | undefined {
  if (!header || REFUSED_HEADERS.some((name) => Object.hasOwn(header, name))) return undefined;
  if (typeof header.kid !== 'string') return undefined;
  const key = keys.find(header.kid);
  // Pinning the key's own algorithm refuses `none` and HS256-signed-with-the-public-key alike.
  return key && header.alg === key.alg ? key : undefined;
}

function readHeader(token: string): Record<string, unknown> | undefined {
  const segment = token.split('.', 1)[0] ?? '';
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
