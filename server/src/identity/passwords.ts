import argon2 from 'argon2';

export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2id with explicit parameters (the package defaults are ~9x slower); runs off the event loop. */
export function hashPassword(plain: string, params: PasswordHashing): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id, ...params });
}

/** False for a wrong password and for a malformed hash alike: both are a "no". */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** True when the hash was made with weaker or different parameters than today's. */
export function needsRehash(hash: string, params: PasswordHashing): boolean {
  return argon2.needsRehash(hash, params);
}
