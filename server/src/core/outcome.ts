import type { ErrorCode, FieldError } from '../contract/errors.ts';

/**
 * An expected "no" from a service, as a value (STYLE.md: expected outcomes are values). The code
 * is one of the contract's error codes; the HTTP layer turns it into the problem response.
 */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

export function succeed<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refuse(code: ErrorCode, detail: string, errors?: FieldError[]): Refusal {
  return errors ? { ok: false, code, detail, errors } : { ok: false, code, detail };
}
