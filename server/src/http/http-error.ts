import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** An expected failure that becomes an RFC 9457 problem response. */
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
