import { ERROR_CODES, type ErrorCode } from '../contract';

/**
 * The message for the `?error=` code a provider sign-in or link came back with: the contract's
 * title for a code it knows, nothing for anything else (the query is the visitor's to write).
 */
export function providerErrorMessage(code: string | null): string | null {
  if (!code || !Object.hasOwn(ERROR_CODES, code)) return null;
  return ERROR_CODES[code as ErrorCode].title;
}
