import type { RequestHandler } from 'express';
import { HttpError } from './http-error.ts';

/**
 * Put last on a `router.route(path)`: answers 405 with `Allow` for methods the route lacks,
 * and a plain (non-CORS) OPTIONS with 204 and `Allow`.
 */
export const rejectOtherMethods: RequestHandler = (req, res, next) => {
  const methods = Object.keys((req.route as { methods: Record<string, boolean> }).methods)
    .filter((m) => m !== '_all')
    .map((m) => m.toUpperCase());
  if (methods.includes('GET')) methods.push('HEAD');
  const allow = [...new Set(methods)].join(', ');
  res.setHeader('Allow', allow);
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next(new HttpError('method_not_allowed', `${req.method} is not supported here; use ${allow}`));
};
