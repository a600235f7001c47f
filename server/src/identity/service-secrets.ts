import { createSecretKey, randomBytes } from 'node:crypto';
import { bytesFormat, openSecret, sealSecret, type KeyRing, type Sealed } from './sealing.ts';

/**
 * Seals and opens service-client secrets (identity/sealing.ts, bytes format). The server must
 * recompute HMACs, so it cannot keep only a hash. The row's id is the associated data.
 */
export interface SecretBox {
  /** The key new secrets are sealed with (the first of SERVICE_CLIENT_KEYS). */
  activeKeyId: string;
  /** True when no key was configured and a random one lives only in this process. */
  ephemeral: boolean;
  seal(secret: string, rowId: string): Sealed<Uint8Array<ArrayBuffer>>;
  /** The secret, or null when the key is not configured or the bytes were tampered with. */
  open(sealed: Sealed<Uint8Array<ArrayBuffer>>, rowId: string): string | null;
}

export function createSecretBox(keys: KeyRing): SecretBox {
  const ephemeral = keys.length === 0;
  const ring = ephemeral ? [{ id: 'ephemeral', key: createSecretKey(randomBytes(32)) }] : keys;
  return {
    activeKeyId: ring[0]!.id,
    ephemeral,
    seal: (secret, rowId) => sealSecret(ring, bytesFormat, secret, rowId)!,
    open: (sealed, rowId) => openSecret(ring, bytesFormat, sealed, rowId),
  };
}
