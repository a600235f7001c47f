import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates logs, problem responses and the caller's own traces. */
    id: string;
  }
}

// Only short, plain ids are echoed back: a caller-supplied value ends up in logs and headers.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts the caller's X-Request-Id when well-formed, otherwise makes one; echoes it back. */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get('x-request-id');
  req.id = offered && WELL_FORMED.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
