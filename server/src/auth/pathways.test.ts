import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn } from '../../test/helpers.ts';
import { listMountedRoutes } from '../../test/routes.ts';

// The documented ways in without an access token (docs/api.md): registering and logging in,
// the cookie endpoints (refresh, logout) with their own Origin and header checks, health and
// the public keys, the API reference, account recovery (asking for a link, and using one: the
// emailed token is the credential), webhook deliveries (authenticated by their signature instead)
// and the OpenID Connect sign-in. Every other
// route must want a live access token.
const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /.well-known/jwks.json',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  // The second step of a sign-in and a passwordless passkey sign-in, authenticated by their
  // single-purpose challenge instead (docs/mfa.md).
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/passkey-options',
  'POST /api/auth/passkeys/sign-in/options',
  'POST /api/auth/passkeys/sign-in',
  'POST /api/auth/password/forgot',
  'POST /api/auth/password/reset',
  'POST /api/auth/email/resend',
  'POST /api/auth/email/verify',
  'POST /api/webhooks/:provider',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/assets/:file',
  // Sign in with an OpenID Connect provider (docs/oidc.md): the browser's way in, ending in the
  // refresh cookie; the callback is authenticated by the provider's code, state and ID token.
  'GET /api/auth/oidc/providers',
  'GET /api/auth/oidc/:provider/start',
  'GET /api/auth/oidc/:provider/callback',
];

const t = await buildTestApp();
const routes = listMountedRoutes(t.app).map(({ method, path }) => `${method} ${path}`);
const protectedRoutes = routes.filter((route) => !PUBLIC_ROUTES.includes(route));

/** A request to the route with its parameters filled in (a role name, otherwise a UUID). */
function call(route: string, auth: Record<string, string> = {}) {
  const [method = '', template = ''] = route.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => (name === 'name' ? 'editor' : randomUUID()));
  const api = request(t.app) as unknown as Record<string, (p: string) => request.Test>;
  return api[method.toLowerCase()]!(path).set(auth).send({});
}

let revoked: LoggedIn;
let expired: LoggedIn;
beforeAll(async () => {
  // An admin's tokens, so that a refusal cannot come from a missing role instead.
  expired = await loginAs(t, { roles: ['admin'] });
  t.clock.advance(t.config.auth.accessTokenTtl + 1);
  revoked = await loginAs(t, { roles: ['admin'] });
  expect((await call('GET /api/users', revoked.auth)).status).toBe(200);
  t.clock.advance(1);
  expect((await call('POST /api/auth/logout-all', revoked.auth)).status).toBe(204);
});

describe('authentication pathways', () => {
  it('are the documented public routes and guarded ones, found by walking the app', () => {
    expect(PUBLIC_ROUTES.filter((route) => !routes.includes(route))).toEqual([]);
    expect(protectedRoutes).toEqual(
      expect.arrayContaining([
        'GET /api/users/me',
        'POST /api/auth/password/change',
        'DELETE /api/users/:id',
        'PUT /api/users/:id/roles/:name',
        'PUT /api/drawings/:id',
      ]),
    );
  });

  it('takes the access token only from the Authorization header: not from the query, a cookie or the body', async () => {
    const user = await loginAs(t);
    const elsewhere = [
      request(t.app).get(`/api/users/me?access_token=${user.accessToken}`),
      request(t.app).get('/api/users/me').set('Cookie', `access_token=${user.accessToken}`),
      request(t.app).patch('/api/users/me').send({ access_token: user.accessToken }),
    ];
    for (const res of await Promise.all(elsewhere)) expect(res.status).toBe(401);
    expect((await request(t.app).get('/api/users/me').set(user.auth)).status).toBe(200);
  });

  it.each(protectedRoutes)('%s refuses an anonymous caller, a revoked token and an expired one', async (route) => {
    const anonymous = await call(route);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="easel"');
    const afterLogoutEverywhere = await call(route, revoked.auth);
    expect(afterLogoutEverywhere.status).toBe(401);
    expect(afterLogoutEverywhere.body.code).toBe('invalid_token');
    const pastItsTtl = await call(route, expired.auth);
    expect(pastItsTtl.status).toBe(401);
    expect(pastItsTtl.body.code).toBe('token_expired');
  });
});
