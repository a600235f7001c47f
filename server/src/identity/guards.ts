import type { Request, RequestHandler } from 'express';
import type { Actor } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { describeHandler, type SecurityScheme } from '../http/handler-docs.ts';
import { HttpError } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import type { Identity } from './identity.ts';
import type { SignatureFailure } from './service-auth.ts';
import { findUserWithRoles } from '../user-model/user-model.ts';

const CHALLENGE = 'Bearer realm="easel"';
const SIGNED_CHALLENGE = 'EaselHMAC realm="easel"';

const SIGNATURE_DETAILS: Record<SignatureFailure, string> = {
  signature_malformed:
    'Send Authorization: EaselHMAC client=<id>, timestamp=<unix seconds>, nonce=<16-64 chars>, signature=<hex>',
  unknown_client: 'No service client has this id',
  client_revoked: 'This service client has been revoked',
  timestamp_out_of_window: 'The signed timestamp is too far from the server’s clock',
  signature_mismatch: 'The signature does not match the request as received',
  nonce_reused: 'This nonce was already used: sign every request with a fresh one',
};

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
  if (req.authFailure !== undefined) {
    return new HttpError(req.authFailure, SIGNATURE_DETAILS[req.authFailure], {
      headers: { 'WWW-Authenticate': SIGNED_CHALLENGE },
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
  const identity = currentIdentity(req);
  // A service client is no user: nothing may be done, or audited, in its name as one.
  if (identity.kind === 'service') throw new HttpError('forbidden', 'Only available to users');
  return { userId: identity.userId, sessionId: identity.sessionId, request: requestContext(req) };
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

/** 403 `insufficient_scope` unless the caller (a service client) holds the scope. */
export function requireScope(scope: string): RequestHandler {
  const guard: RequestHandler = (req, _res, next) => {
    if (!currentIdentity(req).scopes.includes(scope)) {
      throw new HttpError('insufficient_scope', `Requires the scope ${scope}`);
    }
    next();
  };
  return describeHandler(guard, { security: { serviceHmac: SERVICE_HMAC_SCHEME }, errors: ['insufficient_scope'] });
}

/** For the API reference: a service client's signed request (docs/service-clients.md). */
export const SERVICE_HMAC_SCHEME: SecurityScheme = {
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description:
    'A service client signs each request with its secret: `Authorization: EaselHMAC ...` over the method, path, time and body hash; the token it then gets carries scopes.',
};

/**
 * For routes both admins and services use: a service caller needs the scope; a user must be an
 * admin, as stored now (requireAdmin).
 */
export function requireAdminOrScope(db: Db, scope: string): RequestHandler[] {
  const scoped = requireScope(scope);
  const fresh = requireFreshUser(db);
  const admin = requireRole('admin');
  const isService = (req: Request) => currentIdentity(req).kind === 'service';
  return [
    requireAuth,
    describeHandler((req, res, next) => (isService(req) ? scoped(req, res, next) : fresh(req, res, next)), {
      errors: ['invalid_token', 'insufficient_scope'],
    }),
    describeHandler((req, res, next) => (isService(req) ? next() : admin(req, res, next)), { errors: ['forbidden'] }),
  ];
}

/** 403 for service callers: for routes about a person's own things (their drawings, say). */
export const requireUser: RequestHandler = describeHandler(
  (req, _res, next) => {
    if (currentIdentity(req).kind !== 'user') throw new HttpError('forbidden', 'Only available to users');
    next();
  },
  { security: { bearerAuth: BEARER_SCHEME }, errors: ['unauthorized', 'invalid_token', 'token_expired', 'forbidden'] },
);

/**
 * For sensitive actions: re-reads the user's active flag and roles from the database instead
 * of trusting the (up to ACCESS_TOKEN_TTL old) token.
 */
export function requireFreshUser(db: Db): RequestHandler {
  const guard: RequestHandler = async (req, _res, next) => {
    const identity = currentIdentity(req);
    if (identity.kind === 'service') throw new HttpError('forbidden', 'Only available to users');
    const user = await findUserWithRoles(db, identity.userId);
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
