import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.ts';
import type { ErrorCode, FieldError } from '../contract/errors.ts';
import { isDatabaseUnavailable, isRecordMissing, isUniqueViolation, uniqueFields } from '../db/prisma-errors.ts';
import { isRedisUnavailable } from '../db/redis.ts';
import { HttpError } from './http-error.ts';
import { sendProblem } from './problem.ts';

/** The catch-all for requests no router matched. */
export const answerNotFound: RequestHandler = (req, res) => {
  sendProblem(req, res, 'not_found', `No route for ${req.method} ${req.path}`);
};

/** The one error handler: every thrown or forwarded error ends here as problem details. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const mapped = mapError(err);
    if (mapped.code === 'service_unavailable') {
      // An outage, not a bug: one line per request, no stack (docs/operations.md, "Outages").
      logger.warn(mapped.detail ?? 'service unavailable', { requestId: req.id, method: req.method, path: req.path });
    } else if (mapped.code === 'internal_error') {
      logger.error('unhandled error', { requestId: req.id, method: req.method, path: req.path, err });
    }
    for (const [name, value] of Object.entries(mapped.headers ?? {})) res.setHeader(name, value);
    sendProblem(req, res, mapped.code, mapped.detail, mapped.extensions);
  };
}

interface MappedError {
  code: ErrorCode;
  detail?: string;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

function mapError(err: unknown): MappedError {
  if (err instanceof HttpError) {
    const { headers, ...extensions } = err.extra;
    return { code: err.code, detail: err.detail, headers, extensions };
  }
  if (err instanceof ZodError) {
    return {
      code: 'validation_failed',
      detail: 'The request has invalid fields',
      extensions: { errors: toFieldErrors(err) },
    };
  }
  return (
    mapBodyParserError(err) ??
    mapOutage(err) ??
    mapPrismaError(err) ?? { code: 'internal_error', detail: 'Something went wrong on our side' }
  );
}

// A large body of junk (a 2 MB drawing, say) would otherwise answer with thousands of entries.
const MAX_FIELD_ERRORS = 50;

/**
 * Turns zod issues into `{ path, message, code }` entries with dotted paths (`shapes.3.x`), at
 * most MAX_FIELD_ERRORS of them.
 */
export function toFieldErrors(err: ZodError): FieldError[] {
  return err.issues
    .slice(0, MAX_FIELD_ERRORS)
    .map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

// body-parser marks its errors with a `type`; each maps to a client mistake.
function mapBodyParserError(err: unknown): MappedError | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { code: 'malformed_json', detail: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { code: 'payload_too_large', detail: 'The request body is larger than this endpoint accepts' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { code: 'unsupported_media_type', detail: 'Send the body as UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { code: 'bad_request', detail: 'The request body could not be read' };
    default:
      return mapClientHttpError(err);
  }
}

// Seconds a client should wait before retrying while a store is away.
const OUTAGE_RETRY_AFTER = '5';

function mapOutage(err: unknown): MappedError | undefined {
  const store = isDatabaseUnavailable(err) ? 'database' : isRedisUnavailable(err) ? 'redis' : undefined;
  if (!store) return undefined;
  return {
    code: 'service_unavailable',
    detail: `The ${store} is unavailable; try again shortly`,
    headers: { 'Retry-After': OUTAGE_RETRY_AFTER },
  };
}

// Other client errors raised by Express and its parsers as http-errors with no `type`: a
// gzip/deflate body that does not inflate, a path segment that is not valid percent-encoding.
function mapClientHttpError(err: unknown): MappedError | undefined {
  const { status, expose } = (err ?? {}) as { status?: unknown; expose?: unknown };
  const fromClient = expose === true || err instanceof URIError;
  if (!fromClient || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413)
    return { code: 'payload_too_large', detail: 'The request body is larger than this endpoint accepts' };
  if (status === 415) return { code: 'unsupported_media_type', detail: 'Send the body as UTF-8 JSON' };
  return { code: 'bad_request', detail: 'The request could not be read' };
}

function mapPrismaError(err: unknown): MappedError | undefined {
  if (isUniqueViolation(err))
    return { code: 'conflict', detail: `A record with this ${uniqueFields(err).join(', ') || 'value'} already exists` };
  if (isRecordMissing(err)) return { code: 'not_found', detail: 'The record does not exist' };
  return undefined;
}
