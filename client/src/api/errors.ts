import { NetworkError, ProblemError } from './http';

/**
 * A failure as the UI shows it: serializable (it lives in Redux state and thunk results) and
 * already worded for a person. `fields` maps a form field (the first segment of a problem's
 * `errors[].path`) to its message.
 */
export interface AppError {
  kind: 'problem' | 'network' | 'unexpected';
  code: string;
  status: number | undefined;
  message: string;
  fields: Record<string, string>;
  retryAfter: number | undefined;
  requestId: string | undefined;
}

/** What a thunk that changes something resolves to: components show the error where it belongs. */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; error: AppError };

export const succeeded = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failed = (error: unknown): { ok: false; error: AppError } => ({ ok: false, error: toAppError(error) });

const NETWORK_MESSAGE = 'Easel can’t be reached. Check your connection and try again.';

/** "45 seconds", "2 minutes", "1 hour 5 minutes": how long to wait, as a person says it. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourText = hours === 1 ? '1 hour' : `${hours} hours`;
  return rest === 0 ? hourText : `${hourText} ${rest} min`;
}

function fieldMessages(error: ProblemError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const field = path.split('.')[0] || 'form';
    fields[field] ??= message;
  }
  return fields;
}

function describeProblem(error: ProblemError, fields: Record<string, string>): string {
  const { problem } = error;
  if (problem.code === 'rate_limited') {
    return problem.retryAfter === undefined
      ? 'Too many attempts. Please wait a little and try again.'
      : `Too many attempts. Try again in ${formatWait(problem.retryAfter)}.`;
  }
  if (problem.code === 'validation_failed' && Object.keys(fields).length > 0) return 'Please check the marked fields.';
  if (problem.status >= 500) {
    const reference = problem.requestId ? ` (reference ${problem.requestId})` : '';
    return `Something went wrong on our side${reference}. Please try again.`;
  }
  return problem.detail ?? problem.title;
}

/** Turns anything a call can throw into an `AppError`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ProblemError) {
    const fields = fieldMessages(error);
    return {
      kind: 'problem',
      code: error.code,
      status: error.status,
      message: describeProblem(error, fields),
      fields,
      retryAfter: error.problem.retryAfter,
      requestId: error.problem.requestId,
    };
  }
  const isNetwork = error instanceof NetworkError;
  return {
    kind: isNetwork ? 'network' : 'unexpected',
    code: isNetwork ? 'network_error' : 'unexpected',
    status: undefined,
    message: isNetwork ? NETWORK_MESSAGE : 'Something unexpected went wrong. Please try again.',
    fields: {},
    retryAfter: undefined,
    requestId: undefined,
  };
}

/** Runs `work` and turns its result or failure into an `Outcome`. */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return succeeded(await work());
  } catch (error) {
    return failed(error);
  }
}
