import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { assertProductionJwt, assertStrongSecret, ConfigError, MIN_SECRET_BYTES } from '../config.ts';

export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface JwtKey {
  kid: string;
  alg: JwtAlgorithm;
  /** Present on the active key only: verify-only keys never sign. */
  signingKey?: KeyObject;
  verifyKey: KeyObject;
  status: 'active' | 'verify';
}

/** One active signing key and any older verify-only keys, so a rotation logs nobody out. */
export interface KeySet {
  active: JwtKey & { signingKey: KeyObject };
  find(kid: string): JwtKey | undefined;
  publicJwks(): { keys: object[] };
}

const MIN_RSA_BITS = 2048;

const KeyEntry = z.strictObject({
  kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -'),
  alg: z.enum(['HS256', 'RS256', 'ES256']),
  status: z.enum(['active', 'verify']),
  secret: z.string().optional(),
  privateKey: z.string().optional(),
  publicKey: z.string().optional(),
});
type KeyEntry = z.infer<typeof KeyEntry>;

const KeyEntries = z.array(KeyEntry).min(1, 'must list at least one key');

/**
 * From config.auth: JWT_KEYS (JSON) wins over JWT_SECRET; in non-production with neither, an
 * ephemeral random HS256 secret (`ephemeral: true`, the caller warns that tokens die with the
 * process). Throws ConfigError with a one-line reason for malformed or unsafe input.
 */
export function loadKeySet(
  auth: { jwtSecret?: string | undefined; jwtKeys?: string | undefined },
  options: { production: boolean },
): KeySet & { ephemeral: boolean } {
  if (options.production) assertProductionJwt(auth);
  if (auth.jwtKeys) return { ...buildKeySet(parseKeyEntries(auth.jwtKeys, options)), ephemeral: false };
  if (auth.jwtSecret) return { ...buildKeySet([keyFromSecret(auth.jwtSecret)]), ephemeral: false };
  return { ...buildKeySet([keyFromSecret(randomBytes(48).toString('base64url'))]), ephemeral: true };
}

// The kid is an HMAC of a fixed label under the secret: instances sharing the secret agree on it,
// and it says nothing about the secret that a token signed with it does not already.
function keyFromSecret(secret: string): JwtKey {
  const verifyKey = createSecretKey(Buffer.from(secret, 'utf8'));
  const kid = `hs-${createHmac('sha256', verifyKey).update('easel/jwt-kid').digest('base64url').slice(0, 16)}`;
  return { kid, alg: 'HS256', signingKey: verifyKey, verifyKey, status: 'active' };
}

function parseKeyEntries(raw: string, options: { production: boolean }): JwtKey[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // JSON.parse quotes the input near the error, which may be key material: say only where.
    throw new ConfigError('JWT_KEYS is not valid JSON (expected an array of key objects)');
  }
  const parsed = KeyEntries.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new ConfigError(`JWT_KEYS${where}: ${issue?.message ?? 'invalid'}`);
  }
  const entries = parsed.data;
  refuseUnsafeSet(entries);
  return entries.map((entry) => buildKey(entry, options));
}

function refuseUnsafeSet(entries: KeyEntry[]): void {
  const active = entries.filter((e) => e.status === 'active').length;
  if (active !== 1) throw new ConfigError(`JWT_KEYS must have exactly one active key (found ${active})`);
  const kids = new Set(entries.map((e) => e.kid));
  if (kids.size !== entries.length) throw new ConfigError('JWT_KEYS: every kid must be unique');
  // One kid space for HMAC secrets and public keys invites key confusion: refuse the mix.
  const hmac = entries.filter((e) => e.alg === 'HS256').length;
  if (hmac !== 0 && hmac !== entries.length) {
    throw new ConfigError('JWT_KEYS must not mix HS256 secrets with RS256/ES256 keys');
  }
}

function buildKey(entry: KeyEntry, options: { production: boolean }): JwtKey {
  const label = `JWT_KEYS key "${entry.kid}"`;
  assertMaterialFits(label, entry);
  const { signingKey, verifyKey } = readMaterial(label, entry, options);
  if (entry.alg !== 'HS256') assertKeyFits(label, entry.alg, verifyKey);
  const { kid, alg, status } = entry;
  return status === 'active' ? { kid, alg, status, verifyKey, signingKey } : { kid, alg, status, verifyKey };
}

function assertMaterialFits(label: string, e: KeyEntry): void {
  const materials = [e.secret, e.privateKey, e.publicKey].filter((m) => m !== undefined).length;
  if (materials !== 1) throw new ConfigError(`${label} needs exactly one of secret, privateKey, publicKey`);
  if (e.alg === 'HS256' && e.secret === undefined) throw new ConfigError(`${label}: HS256 takes a secret, not a PEM`);
  if (e.alg !== 'HS256' && e.secret !== undefined)
    throw new ConfigError(`${label}: ${e.alg} takes a PEM, not a secret`);
  if (e.status === 'active' && e.publicKey !== undefined) {
    throw new ConfigError(`${label} is active, so it needs its privateKey`);
  }
}

function readMaterial(label: string, e: KeyEntry, options: { production: boolean }) {
  if (e.secret !== undefined) {
    const key = readSecret(label, e.secret, options);
    return { signingKey: key, verifyKey: key };
  }
  const { privateKey, publicKey = '' } = e;
  if (privateKey === undefined) return { verifyKey: readPem(label, 'publicKey', () => createPublicKey(publicKey)) };
  const signingKey = readPem(label, 'privateKey', () => createPrivateKey(privateKey));
  return { signingKey, verifyKey: createPublicKey(signingKey) };
}

// The string's UTF-8 bytes are the key, as other JWT libraries read a string secret (base64 text
// is not decoded), so a service sharing the secret verifies the same tokens.
function readSecret(label: string, secret: string, options: { production: boolean }): KeyObject {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new ConfigError(`${label}: secret is shorter than ${MIN_SECRET_BYTES} bytes (openssl rand -base64 48)`);
  }
  if (options.production) assertStrongSecret(label, secret);
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

function readPem(label: string, field: string, read: () => KeyObject): KeyObject {
  try {
    return read();
  } catch {
    throw new ConfigError(`${label}: ${field} is not a readable unencrypted PEM key`);
  }
}

function assertKeyFits(label: string, alg: 'RS256' | 'ES256', key: KeyObject): KeyObject {
  const details = key.asymmetricKeyDetails ?? {};
  if (alg === 'RS256' && key.asymmetricKeyType !== 'rsa') throw new ConfigError(`${label}: RS256 needs an RSA key`);
  if (alg === 'RS256' && (details.modulusLength ?? 0) < MIN_RSA_BITS) {
    throw new ConfigError(`${label}: RSA keys must have at least ${MIN_RSA_BITS} bits`);
  }
  if (alg === 'ES256' && (key.asymmetricKeyType !== 'ec' || details.namedCurve !== 'prime256v1')) {
    throw new ConfigError(`${label}: ES256 needs an EC key on the P-256 curve`);
  }
  return key;
}

function buildKeySet(keys: JwtKey[]): KeySet {
  const active = keys.find((k) => k.status === 'active');
  if (!active?.signingKey) throw new ConfigError('JWT keys: the active key has no signing material');
  // A Map, never a property lookup: a kid such as "__proto__" or "../x" simply is not there.
  const byKid = new Map(keys.map((k) => [k.kid, k]));
  const jwks = Object.freeze({ keys: keys.filter((k) => k.alg !== 'HS256').map(toPublicJwk) });
  return {
    active: { ...active, signingKey: active.signingKey },
    find: (kid) => byKid.get(kid),
    publicJwks: () => jwks,
  };
}

// Only the public members are copied, so no private field (d, p, q...) can ever leak into the JWKS.
function toPublicJwk(key: JwtKey): object {
  const jwk = key.verifyKey.export({ format: 'jwk' });
  const members = jwk.kty === 'RSA' ? { n: jwk.n, e: jwk.e } : { crv: jwk.crv, x: jwk.x, y: jwk.y };
  return Object.freeze({ kid: key.kid, alg: key.alg, use: 'sig', kty: jwk.kty, ...members });
}
