import { ERROR_CODES, type ErrorCode, type FieldError } from '../contract/errors.ts';
import type { Outcome } from '../core/outcome.ts';

/** An expected failure that becomes an RFC 9457 problem response. Thrown only in the HTTP layer. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.status = ERROR_CODES[code].status;
  }
}

/** A service's value, or its refusal thrown as the problem response it names. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new HttpError(outcome.code, outcome.detail, outcome.errors ? { errors: outcome.errors } : {});
}
