import type { RequestHandler } from 'express';
import { describeHandler } from '../http/handler-docs.ts';
import { HttpError } from '../http/http-error.ts';

export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'easel';

/**
 * For endpoints authenticated by the refresh cookie (refresh, logout). SameSite already keeps
 * the cookie off cross-site requests; on top of that the request must come from an allowed
 * Origin (a missing or "null" Origin is refused) and carry a custom header, which a cross-site
 * form cannot send and which forces a CORS preflight for scripts.
 */
export function requireTrustedOrigin(allowedOrigins: readonly string[], cookieName: string): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const guard: RequestHandler = (req, _res, next) => {
    const origin = req.get('origin');
    if (!origin || !allowed.has(origin)) {
      return next(new HttpError('origin_not_allowed', 'This endpoint only answers requests from the app’s own origin'));
    }
    if (req.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      return next(new HttpError('csrf_header_missing', `Send the header X-Requested-With: ${CSRF_HEADER_VALUE}`));
    }
    next();
  };
  return describeHandler(guard, {
    security: {
      refreshCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: cookieName,
        description: 'The refresh token, set by login, register and refresh (HttpOnly, scoped to /api/auth).',
      },
      csrfHeader: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Requested-With',
        description: `Always \`${CSRF_HEADER_VALUE}\`, sent with an \`Origin\` listed in CORS_ORIGINS (anti-CSRF).`,
      },
    },
    errors: ['origin_not_allowed', 'csrf_header_missing'],
  });
}
