/**
 * True for text PostgreSQL can store: no NUL (refused by text and jsonb) and no unpaired UTF-16
 * surrogates (jsonb refuses their escapes), so bad input is a 422 rather than a database error.
 * Imports nothing: the client's shape schemas use it too.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

export const STORABLE_TEXT_MESSAGE = 'must not contain NUL or unpaired surrogates';

/** For text taken as given rather than refused (a stored User-Agent): made storable by replacement. */
export function toStorableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\ufffd');
}
