import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B: at least 8 characters, long passphrases welcome, no composition rules.
 * The upper bound only keeps one request from making argon2 hash megabytes.
 */
export const PASSWORD_LIMITS = { minLength: 8, maxLength: 256 } as const;

// OWASP ASVS 5.0 6.2.4: refuse the most common passwords (a list shipped in the package).
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** True for a password found in the common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Length in user-perceived characters, so "pässwörd" and emoji count as people expect. */
export function countCharacters(password: string): number {
  return [...new Intl.Segmenter().segment(password.normalize('NFC'))].length;
}

/** A context-specific word (the email or its local part) as the whole password. */
export function isPasswordAboutUser(password: string, email: string): boolean {
  const lowered = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  return lowered === email.toLowerCase() || (local.length >= 4 && lowered === local.toLowerCase());
}
