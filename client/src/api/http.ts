import type { ErrorCode, FieldError, Problem } from '../contract';

/** The subset of `fetch` the client uses; tests pass a fake with the same shape. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * A problem as the client receives it: the API's `Problem` (the contract), made total, so that a
 * body that is not one (a proxy's HTML page, an empty 502) still reads as one, with code `http_error`.
 */
export interface ReceivedProblem extends Pick<Problem, 'type' | 'title' | 'status'> {
  detail: string | undefined;
  code: ErrorCode | 'http_error';
  requestId: string | undefined;
  errors: FieldError[] | undefined;
  /** Seconds to wait, from `Retry-After` (429 rate_limited). */
  retryAfter: number | undefined;
  /** Members beyond the standard ones, e.g. `current` on a drawing's version conflict. */
  extensions: Record<string, unknown>;
}

/** Thrown by `requestJson` for every non-2xx answer, whether or not the body was a problem. */
export class ProblemError extends Error {
  readonly problem: ReceivedProblem;

  constructor(problem: ReceivedProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

/** The request never got an answer: offline, DNS, connection refused or reset. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'NetworkError';
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'requestId', 'errors']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function readFieldProblems(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((entry) => ({
    path: Array.isArray(entry.path) ? entry.path.join('.') : String(entry.path ?? ''),
    message: String(entry.message ?? ''),
  }));
}

/**
 * Turns an error response body into a `ReceivedProblem`. Bodies that are not problem details (a proxy's
 * HTML page, an empty 502) still yield one, with code `http_error`, so callers handle one type.
 */
export function parseProblem(
  status: number,
  statusText: string,
  body: unknown,
  retryAfter?: string | null,
): ReceivedProblem {
  const fields = isRecord(body) ? body : {};
  return {
    type: readString(fields, 'type') ?? 'about:blank',
    title: readString(fields, 'title') ?? (statusText || `HTTP ${status}`),
    status: typeof fields.status === 'number' ? fields.status : status,
    detail: readString(fields, 'detail'),
    // A newer server may send a code this build does not know; it compares unequal to all it does.
    code: (readString(fields, 'code') as ErrorCode | undefined) ?? 'http_error',
    requestId: readString(fields, 'requestId'),
    errors: readFieldProblems(fields.errors),
    retryAfter: readRetryAfter(retryAfter),
    extensions: Object.fromEntries(Object.entries(fields).filter(([key]) => !STANDARD_MEMBERS.has(key))),
  };
}

/** `Retry-After` in seconds; the API never sends the HTTP-date form. */
function readRetryAfter(header: string | null | undefined): number | undefined {
  const seconds = Number(header ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/\bjson\b|\+json\b/.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends a request and resolves with the parsed JSON body. Rejects with `ProblemError` for any
 * non-2xx status; a network failure rejects with whatever `fetchFn` rejected with.
 */
export async function requestJson<T>(fetchFn: FetchLike, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json, application/problem+json');
  const response = await fetchFn(path, { ...init, headers });
  const body = await readBody(response);
  if (!response.ok) {
    throw new ProblemError(
      parseProblem(response.status, response.statusText, body, response.headers.get('retry-after')),
    );
  }
  return body as T;
}
