import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import type { SealingKey } from '../config.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A secret sealed at rest: which key sealed it, and IV + GCM tag + ciphertext. */
export interface SealedSecret {
  keyId: string;
  sealed: Uint8Array<ArrayBuffer>;
}

/**
 * Seals and opens service-client secrets with AES-256-GCM. The server must recompute HMACs, so
 * it cannot keep only a hash; sealed, a database dump alone reveals no secret. The row's id is
 * the associated data, so a sealed secret copied onto another row does not open.
 */
export interface SecretBox {
  /** The key new secrets are sealed with (the first of SERVICE_CLIENT_KEYS). */
  activeKeyId: string;
  /** True when no key was configured and a random one lives only in this process. */
  ephemeral: boolean;
  seal(secret: string, rowId: string): SealedSecret;
  /** The secret, or null when the key is not configured or the bytes were tampered with. */
  open(sealed: SealedSecret, rowId: string): string | null;
}

export function createSecretBox(keys: readonly SealingKey[]): SecretBox {
  const ephemeral = keys.length === 0;
  const ring = ephemeral ? [{ id: 'ephemeral', key: createSecretKey(randomBytes(32)) }] : keys;
  const active = ring[0]!;
  const byId = new Map(ring.map((k) => [k.id, k.key]));
  return {
    activeKeyId: active.id,
    ephemeral,
    seal(secret, rowId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(rowId));
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return { keyId: active.id, sealed: new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body])) };
    },
    open({ keyId, sealed }, rowId) {
      const key = byId.get(keyId);
      if (!key || sealed.length < IV_BYTES + TAG_BYTES) return null;
      const bytes = Buffer.from(sealed);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(rowId));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
