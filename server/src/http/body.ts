import express, { type Request, type RequestHandler, type Response } from 'express';
import { describeHandler } from './handler-docs.ts';
import { HttpError } from './http-error.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * The body's exact bytes, when something read them before the route (a signed service
     * request is verified over them): the route's JSON parsing then starts from these bytes.
     */
    rawBody?: Buffer;
  }
}

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
  return [
    requireJson,
    parseBufferedJson,
    describeHandler(parse, { errors: ['malformed_json', 'payload_too_large', 'bad_request'] }),
  ];
}

/**
 * Reads the whole body as bytes into `req.rawBody` (empty when there is none), up to `limit`
 * (413 beyond). For checks that must see the exact bytes before any route runs.
 */
export async function readRawBody(req: Request, res: Response, limit: string): Promise<Buffer> {
  if (req.rawBody) return req.rawBody;
  const read = express.raw({ limit, type: () => true });
  await new Promise<void>((resolve, reject) => {
    void read(req, res, (error?: unknown) => (error ? reject(error as Error) : resolve()));
  });
  req.rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  req.body = undefined;
  return req.rawBody;
}

// The stream is spent once the bytes were read before the route (express.json then passes), so
// parse those bytes the way express.json would: strict UTF-8, an object or array at the top.
const parseBufferedJson: RequestHandler = (req, _res, next) => {
  if (!req.rawBody) return next();
  if (req.rawBody.length > 0) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(req.rawBody);
      if (!/^[\s]*[[{]/.test(text)) throw new SyntaxError('not an object or array');
      req.body = JSON.parse(text) as unknown;
    } catch {
      return next(new HttpError('malformed_json', 'The request body is not valid JSON'));
    }
  }
  next();
};

/**
 * The JSON body as the exact bytes sent (a Buffer in `req.body`), for routes that must verify a
 * signature over them before parsing: JSON parsed and re-serialized is not what was signed. Same
 * 415 and 413 rules as createJsonBody; the route parses the bytes itself.
 */
export function createRawJsonBody(limit: string): RequestHandler[] {
  const useBuffered: RequestHandler = (req, _res, next) => {
    if (req.rawBody) req.body = req.rawBody;
    next();
  };
  const read = express.raw({ limit, type: () => true });
  return [requireJson, useBuffered, describeHandler(read, { errors: ['payload_too_large', 'bad_request'] })];
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
