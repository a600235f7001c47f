import { Router } from 'express';
import { rejectOtherMethods } from '../http/methods.ts';
import type { KeySet } from './keys.ts';

/**
 * `GET /.well-known/jwks.json`: the public halves of the RS256/ES256 keys, so other services can
 * verify our tokens. HS256 secrets are never listed (an HS-only set answers `{ "keys": [] }`).
 */
export function createJwksRouter(keys: KeySet): Router {
  const router = Router();
  const body = JSON.stringify(keys.publicJwks());
  router
    .route('/.well-known/jwks.json')
    .get((_req, res) => {
      // Public and slow to change; a short cache still lets a rotation reach verifiers quickly.
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.type('application/json').send(body);
    })
    .all(rejectOtherMethods);
  return router;
}
