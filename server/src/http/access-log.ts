import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.ts';

/** One log line per request: id, method, route, status, duration and user id when known. */
export function createAccessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // Redaction and formatting cost real time per request: skip them when the level is off.
    if (!logger.isInfoEnabled()) return next();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        requestId: req.id,
        method: req.method,
        route: describeRoute(req, res),
        status: res.headersSent ? res.statusCode : 499,
        ms: Math.round(ms * 10) / 10,
        userId: res.locals.userId as string | undefined,
      });
    });
    next();
  };
}

/**
 * Put before a mounted router: Express resets `req.baseUrl` once a request leaves its router,
 * so the mount path is kept for the log line.
 */
export const recordMountPath: RequestHandler = (req, res, next) => {
  res.locals.mountPath = req.baseUrl;
  next();
};

// The route template (`/api/drawings/:id`) groups lines well; the raw path is the fallback.
// The query string is never logged: it may carry one-time tokens.
function describeRoute(req: Request, res: Response): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string')
    return `${(res.locals.mountPath as string | undefined) ?? ''}${route.path}`;
  return (req.originalUrl.split('?')[0] ?? '/').slice(0, 200);
}
