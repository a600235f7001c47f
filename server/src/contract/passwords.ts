/**
 * NIST SP 800-63B: at least 8 characters, long passphrases welcome, no composition rules.
 * The upper bound only keeps one request from making argon2 hash megabytes. The server also
 * refuses common passwords and the user's own email (auth/password-policy.ts).
 */
export const PASSWORD_LIMITS = { minLength: 8, maxLength: 256 } as const;

/** Length in user-perceived characters, so "pässwörd" and emoji count as people expect. */
export function countCharacters(password: string): number {
  return [...new Intl.Segmenter().segment(password.normalize('NFC'))].length;
}
