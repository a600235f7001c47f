import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP ASVS 5.0 6.2.4: refuse the most common passwords (a list shipped in the package). The
// length bounds are in the contract (contract/passwords.ts), where the client reads them too.
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** True for a password found in the common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** A context-specific word (the email or its local part) as the whole password. */
export function isPasswordAboutUser(password: string, email: string): boolean {
  const lowered = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  return lowered === email.toLowerCase() || (local.length >= 4 && lowered === local.toLowerCase());
}
