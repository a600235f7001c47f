import express, { type RequestHandler } from 'express';
import { describeHandler } from './handler-docs.ts';
import { HttpError } from './http-error.ts';

// A body sent as anything but JSON is refused with 415 rather than silently ignored.
const requireJson: RequestHandler = describeHandler(
  (req, _res, next) => {
    if (hasBody(req.headers) && !isJsonType(req)) {
      return next(new HttpError('unsupported_media_type', 'Send the body as application/json'));
    }
    next();
  },
  { errors: ['unsupported_media_type'] },
);

/**
 * JSON body parsing for the routes that read a body (mounting it globally costs every request).
 */
export function createJsonBody(limit: string): RequestHandler[] {
  const parse = express.json({ limit, type: isJsonType, strict: true });
  return [requireJson, describeHandler(parse, { errors: ['malformed_json', 'payload_too_large', 'bad_request'] })];
}

/**
 * The JSON body as the exact bytes sent (a Buffer in `req.body`), for routes that must verify a
 * signature over them before parsing: JSON parsed and re-serialized is not what was signed. Same
 * 415 and 413 rules as createJsonBody; the route parses the bytes itself.
 */
export function createRawJsonBody(limit: string): RequestHandler[] {
  const read = express.raw({ limit, type: () => true });
  return [requireJson, describeHandler(read, { errors: ['payload_too_large', 'bad_request'] })];
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
