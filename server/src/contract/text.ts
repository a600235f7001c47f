/**
 * True for text PostgreSQL can store: no NUL (refused by text and jsonb) and no unpaired UTF-16
 * surrogates (jsonb refuses their escapes), so bad input is a 422 rather than a database error.
 * The server applies it to every string of every request (http/validate.ts); the contract's
 * schemas apply it too, so the client checks what it sends by the same rule.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

export const STORABLE_TEXT_MESSAGE = 'must not contain NUL or unpaired surrogates';

/** For text taken as given rather than refused (a stored User-Agent): made storable by replacement. */
export function toStorableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\ufffd');
}
