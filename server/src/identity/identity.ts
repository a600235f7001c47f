import type { RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { KeySet } from './keys.ts';
import type { RevocationStore } from './revocation.ts';
import { verifySignedRequest, type ServiceAuthDeps, type SignatureFailure } from './service-auth.ts';
import { verifyAccessToken } from './tokens.ts';

/** Who is calling. Resolved once per request; guards only read it. */
export interface Identity {
  kind: 'user' | 'service';
  userId: string;
  roles: string[];
  scopes: string[];
  /** The refresh family (session) the access token was issued for. */
  sessionId?: string | undefined;
  tokenId: string;
  /** The service client behind an HMAC-signed request (its id is also `userId`). */
  clientId?: string | undefined;
}

/** A bearer token's problem (`expired`, `invalid`), or a signed request's (its problem code). */
export type AuthFailure = 'expired' | 'invalid' | SignatureFailure;

declare module 'express-serve-static-core' {
  interface Request {
    identity?: Identity;
    /** Why a presented credential was not accepted; guards turn it into the 401 code. */
    authFailure?: AuthFailure;
  }
}

/**
 * Resolves the bearer access token or the HMAC-signed request, if any, into `req.identity`. A
 * bad credential is not an error here (public routes ignore it); requireAuth reports it. Revoked
 * tokens (deactivated user, logged-out session) and revoked service clients resolve to nothing.
 */
export function createIdentityResolver(
  deps: ServiceAuthDeps & {
    keys: KeySet;
    config: Pick<Config, 'auth'>;
    revocations: RevocationStore;
    clock: Clock;
  },
): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    if (/^EaselHMAC\s/i.test(header)) {
      const result = await verifySignedRequest(deps, req, res, header);
      if (result.ok) {
        req.identity = result.identity;
        res.locals.userId = result.identity.userId;
      } else {
        req.authFailure = result.failure;
      }
      return next();
    }
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(header)?.[1];
    if (!token) {
      req.authFailure = 'invalid';
      return next();
    }
    const result = verifyAccessToken(token, deps.keys, deps.config.auth, deps.clock.now());
    if (!result.ok) {
      req.authFailure = result.reason;
      return next();
    }
    const { claims } = result;
    if (await deps.revocations.isRevoked(claims)) {
      req.authFailure = 'invalid';
      return next();
    }
    req.identity = {
      kind: claims.scope ? 'service' : 'user',
      userId: claims.sub,
      roles: claims.roles,
      scopes: claims.scope ? claims.scope.split(' ') : [],
      sessionId: claims.sid,
      tokenId: claims.jti,
    };
    res.locals.userId = claims.sub;
    next();
  };
}
