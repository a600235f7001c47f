import express, { type RequestHandler } from 'express';
import { HttpError } from './http-error.ts';

/**
 * JSON body parsing for the routes that read a body (mounting it globally costs every request).
 * A body sent as anything but JSON is refused with 415 rather than silently ignored.
 */
export function createJsonBody(limit: string): RequestHandler[] {
  const parse = express.json({ limit, type: isJsonType, strict: true });
  const requireJson: RequestHandler = (req, _res, next) => {
    if (hasBody(req.headers) && !isJsonType(req)) {
      return next(new HttpError('unsupported_media_type', 'Send the body as application/json'));
    }
    next();
  };
  return [requireJson, parse];
}

function isJsonType(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  const type =
    String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
