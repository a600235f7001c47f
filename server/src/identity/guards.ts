import type { Request, RequestHandler } from 'express';
import type { Actor } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { describeHandler, type SecurityScheme } from '../http/handler-docs.ts';
import { HttpError } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import type { Identity } from './identity.ts';

const CHALLENGE = 'Bearer realm="easel"';

/** For the API reference: the access token, as every guard below requires it. */
export const BEARER_SCHEME: SecurityScheme = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'The access token from login, register or refresh: `Authorization: Bearer <token>`.',
};

/** The 401 for a request without a usable identity, with the code the client branches on. */
function unauthenticated(req: Request): HttpError {
  if (req.authFailure === 'expired') {
    return new HttpError('token_expired', 'The access token has expired; refresh it', {
      headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token", error_description="expired"` },
    });
  }
  if (req.authFailure === 'invalid') {
    return new HttpError('invalid_token', 'The access token is not valid', {
      headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
    });
  }
  return new HttpError('unauthorized', 'Send an access token: Authorization: Bearer <token>', {
    headers: { 'WWW-Authenticate': CHALLENGE },
  });
}

/** The caller's identity; throws the right 401 when there is none. */
export function currentIdentity(req: Request): Identity {
  if (!req.identity) throw unauthenticated(req);
  return req.identity;
}

/** The signed-in caller as the actor of an audited change. */
export function actingUser(req: Request): Actor {
  return { userId: currentIdentity(req).userId, request: requestContext(req) };
}

export const requireAuth: RequestHandler = describeHandler(
  (req, _res, next) => {
    currentIdentity(req);
    next();
  },
  { security: { bearerAuth: BEARER_SCHEME }, errors: ['unauthorized', 'invalid_token', 'token_expired'] },
);

/** 403 unless the caller holds one of the roles (after requireFreshUser, as stored now). */
export function requireRole(...roles: string[]): RequestHandler {
  const guard: RequestHandler = (req, _res, next) => {
    const identity = currentIdentity(req);
    if (!roles.some((role) => identity.roles.includes(role))) {
      throw new HttpError('forbidden', `Requires the role ${roles.join(' or ')}`);
    }
    next();
  };
  return describeHandler(guard, { errors: ['forbidden'] });
}

/** 403 for service callers: for routes about a person's own things (their drawings, say). */
export const requireUser: RequestHandler = describeHandler(
  (req, _res, next) => {
    if (currentIdentity(req).kind !== 'user') throw new HttpError('forbidden', 'Only available to users');
    next();
  },
  { errors: ['forbidden'] },
);

/**
 * For sensitive actions: re-reads the user's active flag and roles from the database instead
 * of trusting the (up to ACCESS_TOKEN_TTL old) token.
 */
export function requireFreshUser(db: Db): RequestHandler {
  const guard: RequestHandler = async (req, _res, next) => {
    const identity = currentIdentity(req);
    const user = await db.user.findUnique({
      where: { id: identity.userId },
      select: { isActive: true, roles: { select: { roleName: true } } },
    });
    if (!user?.isActive) {
      req.authFailure = 'invalid';
      delete req.identity;
      throw unauthenticated(req);
    }
    req.identity = { ...identity, roles: user.roles.map((r) => r.roleName) };
    next();
  };
  return describeHandler(guard, { errors: ['invalid_token'] });
}

/** Admins only, with the roles re-read from the database rather than trusted from the token. */
export function requireAdmin(db: Db): RequestHandler[] {
  return [requireAuth, requireFreshUser(db), requireRole('admin')];
}
