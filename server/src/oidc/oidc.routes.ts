import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { setRefreshCookie } from '../identity/refresh-cookie.ts';
import { LinkedIdentityList, OidcLinkStart, OidcProviderList, ReturnPath } from '../contract/oidc.ts';
import type { ErrorCode } from '../contract/errors.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError, unwrap } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import { route, type Feature } from '../http/routes.ts';
import { actingUser, requireAuth } from '../identity/guards.ts';
import { finishLogin, listIdentities, startLogin, unlinkIdentity } from './oidc.service.ts';
import { RelyingParty } from './relying-party.ts';

const ProviderParams = z.strictObject({ provider: z.string().max(32) });
const IdentityParams = z.strictObject({ id: z.uuid() });
const StartQuery = z.object({ returnTo: ReturnPath });
const LinkBody = z.strictObject({ returnTo: ReturnPath });
const CallbackQuery = z.object({ state: z.string().max(512).optional() });

/** Where the browser goes back to after a refused callback, with the code for the page to explain. */
const SIGN_IN_PAGE = '/login';
const SETTINGS_PAGE = '/account';

/** The short text Express sends with a redirect; the browser follows the Location header. */
const RedirectNotice = z
  .string()
  .meta({ contentMediaType: 'text/plain', description: 'Where the redirect leads; see the Location header' });

/**
 * /api/auth/oidc: sign in with an OpenID Connect provider, and link or unlink providers. The
 * browser visits `start` and `callback`; the rest is JSON. See docs/oidc.md.
 */
export function oidcFeature(ctx: AppContext): Feature {
  const { config } = ctx;
  const json = createJsonBody(config.http.jsonBodyLimit);
  const cookie = config.auth.cookie;
  const stateCookie = {
    name: `${cookie.name}_oidc_state`,
    // Lax, unlike the refresh cookie: it must come back on the provider's cross-site redirect.
    options: { httpOnly: true, secure: cookie.secure, sameSite: 'lax', path: '/api/auth/oidc' } as const,
  };
  const parties = new Map(
    config.oidc.providers
      .filter((provider) => provider.enabled)
      .map((provider) => [
        provider.id,
        new RelyingParty(provider, `${config.http.appOrigin}/api/auth/oidc/${provider.id}/callback`),
      ]),
  );

  const partyFor = (id: string) => {
    const party = parties.get(id);
    if (!party) throw new HttpError('oidc_provider_unavailable', `No enabled sign-in provider is called ${id}`);
    return party;
  };

  const begin = async (res: Response, id: string, intent: { returnTo: string; linkUserId?: string }) => {
    const { url, state } = await startLogin(ctx, partyFor(id), intent);
    res.cookie(stateCookie.name, state, { ...stateCookie.options, maxAge: 10 * 60 * 1000 });
    return url;
  };

  /** A refusal in the browser flow: back to the app's page, which explains the code. */
  const sendBack = (res: Response, page: string, code: ErrorCode) =>
    res.redirect(303, `${config.http.appOrigin}${page}?error=${code}`);

  const finish = async (req: Request, res: Response, id: string, state: string | undefined) => {
    res.clearCookie(stateCookie.name, stateCookie.options);
    const party = parties.get(id);
    if (!party) return sendBack(res, SIGN_IN_PAGE, 'oidc_provider_unavailable');
    const query = req.originalUrl.slice(req.originalUrl.indexOf('?') + 1);
    const cookieState: unknown = req.cookies?.[stateCookie.name];
    const result = await finishLogin(
      ctx,
      party,
      { query, state, cookieState: typeof cookieState === 'string' ? cookieState : undefined },
      requestContext(req),
    );
    if (result.kind === 'refused') return sendBack(res, result.linking ? SETTINGS_PAGE : SIGN_IN_PAGE, result.code);
    if (result.kind === 'session') {
      setRefreshCookie(res, cookie, result.refresh.token, result.refresh.expiresAt, ctx.clock.now());
    }
    // The SPA restores its in-memory access token from the cookie, as on any page load.
    return res.redirect(303, `${config.http.appOrigin}${result.returnTo}`);
  };

  const routes = [
    route.get('/providers', {
      summary: 'The OpenID Connect providers offered on the sign-in page',
      responses: { 200: OidcProviderList },
      handle: () => ({
        items: [...parties.values()].map(({ provider }) => ({ id: provider.id, name: provider.name })),
      }),
    }),
    route.get('/identities', {
      summary: 'The provider identities linked to the caller’s account',
      use: [requireAuth],
      responses: { 200: LinkedIdentityList },
      handle: async (req) => listIdentities(ctx, actingUser(req).userId),
    }),
    route.delete('/identities/:id', {
      summary: 'Unlink a provider identity (never the last way to sign in)',
      use: [requireAuth],
      params: IdentityParams,
      responses: { 204: null },
      errors: ['last_sign_in_method'],
      handle: async (req, _res, { params }) => {
        const { userId, request } = actingUser(req);
        return unwrap(await unlinkIdentity(ctx, userId, params.id, request));
      },
    }),
    route.get('/:provider/start', {
      summary: 'Browser only: redirects to the provider to sign in (PKCE, state, nonce)',
      params: ProviderParams,
      query: StartQuery,
      responses: { 302: RedirectNotice },
      errors: ['oidc_provider_unavailable'],
      handle: async (_req, res, { params, query }) =>
        res.redirect(302, (await begin(res, params.provider, { returnTo: query.returnTo })).href),
    }),
    route.post('/:provider/link', {
      summary: 'Start linking a provider to the caller’s account: answers the URL to send the browser to',
      use: [requireAuth, ...json],
      params: ProviderParams,
      body: LinkBody,
      responses: { 200: OidcLinkStart },
      errors: ['oidc_provider_unavailable'],
      handle: async (req, res, { params, body }) => {
        const { userId } = actingUser(req);
        const url = await begin(res, params.provider, { returnTo: body.returnTo, linkUserId: userId });
        return { url: url.href };
      },
    }),
    route.get('/:provider/callback', {
      summary: 'Browser only: the provider redirects here; sets the refresh cookie and returns to the app',
      params: ProviderParams,
      query: CallbackQuery,
      responses: { 303: RedirectNotice },
      handle: async (req, res, { params, query }) => finish(req, res, params.provider, query.state),
    }),
  ];
  return { path: '/api/auth/oidc', routes };
}
