import type { Request, Response } from 'express';
import { ERROR_CODES, problemType, type ErrorCode, type Problem } from '../contract/errors.ts';

/** Writes the project's one error shape (RFC 9457 problem details). */
export function sendProblem(
  req: Request,
  res: Response,
  code: ErrorCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): void {
  const { status, title } = ERROR_CODES[code];
  const body: Problem = {
    type: problemType(code),
    title,
    status,
    detail: detail ?? title,
    code,
    requestId: req.id,
    ...extensions,
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}
