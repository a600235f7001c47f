import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.ts';

/** One log line per request: id, method, route, status, duration and user id when known. */
export function createAccessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        requestId: req.id,
        method: req.method,
        route: describeRoute(req),
        status: res.headersSent ? res.statusCode : 499,
        ms: Math.round(ms * 10) / 10,
        userId: res.locals.userId as string | undefined,
      });
    });
    next();
  };
}

// The route template (`/api/drawings/:id`) groups lines well; the raw path is the fallback.
// The query string is never logged: it may carry one-time tokens.
function describeRoute(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return (req.originalUrl.split('?')[0] ?? '/').slice(0, 200);
}

export type { Response };
