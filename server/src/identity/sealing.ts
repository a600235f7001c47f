import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealingKey } from '../config.ts';

/**
 * Secrets the server must read back (TOTP seeds, service-client HMAC secrets) are kept sealed
 * with AES-256-GCM, so a database dump alone reveals none. A key ring names the keys: the first
 * seals, every listed key opens (rotation), and each sealed value records its key id.
 */
export type KeyRing = readonly SealingKey[];

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What AES-256-GCM produces: a fresh 96-bit IV, the 128-bit tag and the ciphertext. */
interface SealedParts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** How the parts are stored in a column; `decode` answers null for what cannot be such parts. */
export interface SealedFormat<T> {
  encode(parts: SealedParts): T;
  decode(stored: T): SealedParts | null;
}

/** IV, tag, then ciphertext in one byte string (service_clients.secret_sealed). */
export const bytesFormat: SealedFormat<Uint8Array<ArrayBuffer>> = {
  encode: ({ iv, tag, ciphertext }) => new Uint8Array(Buffer.concat([iv, tag, ciphertext])),
  decode(stored) {
    if (stored.length < IV_BYTES + TAG_BYTES) return null;
    const bytes = Buffer.from(stored);
    return {
      iv: bytes.subarray(0, IV_BYTES),
      tag: bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      ciphertext: bytes.subarray(IV_BYTES + TAG_BYTES),
    };
  },
};

/** `base64url(iv).base64url(tag).base64url(ciphertext)` (totp_factors.secret). */
export const textFormat: SealedFormat<string> = {
  encode: ({ iv, tag, ciphertext }) => [iv, tag, ciphertext].map((b) => b.toString('base64url')).join('.'),
  decode(stored) {
    const [iv, tag, ciphertext] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
    return { iv, tag, ciphertext };
  },
};

/** A stored secret: which key sealed it, and the sealed value in its column's format. */
export interface Sealed<T> {
  keyId: string;
  sealed: T;
}

/**
 * Seals `plaintext` with the ring's first key, or answers null when the ring is empty. `context`
 * (the owning row's id) is associated data: a sealed value copied onto another row does not open.
 */
export function sealSecret<T>(
  ring: KeyRing,
  format: SealedFormat<T>,
  plaintext: string,
  context: string,
): Sealed<T> | null {
  const active = ring[0];
  if (!active) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', active.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: active.id, sealed: format.encode({ iv, tag: cipher.getAuthTag(), ciphertext }) };
}

/** The plaintext, or null when its key is not in the ring or the value or its context was tampered with. */
export function openSecret<T>(
  ring: KeyRing,
  format: SealedFormat<T>,
  stored: Sealed<T>,
  context: string,
): string | null {
  const key = ring.find((k) => k.id === stored.keyId)?.key;
  const parts = format.decode(stored.sealed);
  if (!key || !parts) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
