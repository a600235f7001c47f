import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id', 'X-Requested-With'];
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, ETag, WWW-Authenticate, Location';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Hand-written CORS (DESIGN.md section 5): exact-origin allowlist, credentials allowed, the
 * origin reflected only when listed. An unlisted or `null` origin gets no CORS headers at all,
 * so the browser keeps the response from the calling page.
 */
export function createCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const isListed = origin !== undefined && allowed.has(origin);
    if (isListed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (!isPreflight(req.method, req.get('access-control-request-method'))) {
      if (isListed) res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      return next();
    }
    if (isListed) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    }
    res.vary('Access-Control-Request-Method').vary('Access-Control-Request-Headers');
    res.status(204).end();
  };
}

function isPreflight(method: string, requestedMethod: string | undefined): boolean {
  return method === 'OPTIONS' && requestedMethod !== undefined;
}
