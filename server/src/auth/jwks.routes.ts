import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { route, type Feature } from '../http/routes.ts';

/** RFC 7517: public members only (no `d`, `p`, `q`...). */
const Jwks = z.object({
  keys: z.array(
    z.looseObject({
      kid: z.string(),
      kty: z.enum(['RSA', 'EC']),
      alg: z.enum(['RS256', 'ES256']),
      use: z.literal('sig'),
    }),
  ),
});

/**
 * `GET /.well-known/jwks.json`: the public halves of the RS256/ES256 keys, so other services can
 * verify our tokens. HS256 secrets are never listed (an HS-only set answers `{ "keys": [] }`).
 */
export function jwksFeature(ctx: Pick<AppContext, 'keys'>): Feature {
  const body = JSON.stringify(ctx.keys.publicJwks());
  return {
    path: '/.well-known',
    name: 'jwks',
    description: 'Public keys for services that verify Easel access tokens',
    routes: [
      route.get('/jwks.json', {
        summary: 'The public keys that verify access tokens (JWKS)',
        responses: { 200: Jwks },
        handle: (_req, res) => {
          // Public and slow to change; a short cache still lets a rotation reach verifiers quickly.
          res.setHeader('Cache-Control', 'public, max-age=300');
          res.type('application/json').send(body);
        },
      }),
    ],
  };
}
