import type { Request } from 'express';
import type { z } from 'zod';

/**
 * Parses one part of the request with a named schema. A failure throws the ZodError, which the
 * error handler answers as 422 `validation_failed` with field paths.
 */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse(req.body ?? {});
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse(req.query);
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse(req.params);
}
