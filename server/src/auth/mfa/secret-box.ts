import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/** The MFA_ENCRYPTION_KEYS set: the first key encrypts, every key decrypts (rotation). */
export interface SecretKeys {
  encryptionKeys: readonly { id: string; key: KeyObject }[];
}

export interface SealedSecret {
  /** base64url(iv).base64url(tag).base64url(ciphertext) */
  secret: string;
  keyId: string;
}

const IV_BYTES = 12;

/**
 * AES-256-GCM with a fresh 96-bit IV per secret. `context` (the user id) is associated data: a
 * ciphertext copied onto another user's row does not decrypt there.
 */
export function seal(keys: SecretKeys, plaintext: string, context: string): SealedSecret | null {
  const active = keys.encryptionKeys[0];
  if (!active) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', active.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
  return { secret: parts.join('.'), keyId: active.id };
}

/** The plaintext, or null when the key is gone or the ciphertext or its context was tampered with. */
export function open(keys: SecretKeys, sealed: SealedSecret, context: string): string | null {
  const key = keys.encryptionKeys.find((k) => k.id === sealed.keyId);
  const [iv, tag, ciphertext] = sealed.secret.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!key || !iv || !tag || !ciphertext || iv.length !== IV_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
