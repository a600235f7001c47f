import type { Response } from 'express';
import type { AppContext } from '../app-context.ts';
import { refuse } from '../core/outcome.ts';
import { createJsonBody } from '../http/body.ts';
import { unwrap } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import { route, type Feature } from '../http/routes.ts';
import { actingUser, currentIdentity, requireAuth, requireUser, requireFreshUser } from '../identity/guards.ts';
import { requireRecentSecondFactor } from '../identity/second-factor.ts';
import { pageOf } from '../contract/pages.ts';
import { z } from 'zod';
import { RegistrationPending, SessionResponse, SessionView } from '../contract/accounts.ts';
import { LoginResponse } from '../contract/mfa.ts';
import { LoginBody, PasswordChangeBody, RegisterBody, SessionParams } from './auth.schemas.ts';
import { changePassword, logIn, registerUser } from './auth.service.ts';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from '../identity/refresh-cookie.ts';
import { requireTrustedOrigin } from './csrf.ts';
import { mfaRoutes } from './mfa/mfa.routes.ts';
import { recoveryRoutes } from './recovery.routes.ts';
import type { StartedSession } from './session-response.ts';
import { endSession, listSessions, logOut, logOutEverywhere, refreshSession } from './sessions.service.ts';

/** /api/auth: register, login, refresh, logout, sessions, password change, and recovery (recovery.routes.ts). */
export function authFeature(ctx: AppContext): Feature {
  const { config, limits } = ctx;
  const json = createJsonBody(config.http.jsonBodyLimit);
  const cookie = config.auth.cookie;
  const fromTheApp = requireTrustedOrigin(config.http.corsOrigins, cookie.name);

  /** Puts the session's refresh token in the cookie; the access token goes in the body. */
  const withCookie = (res: Response, { body, refresh }: StartedSession) => {
    setRefreshCookie(res, cookie, refresh.token, refresh.expiresAt, ctx.clock.now());
    return body;
  };

  const routes = [
    route.post('/register', {
      summary: 'Create an account and start its first session',
      use: [limits.register, ...json],
      body: RegisterBody,
      responses: { 201: z.union([SessionResponse, RegistrationPending]) },
      errors: ['email_taken'],
      handle: async (req, res, { body }) => {
        const registered = unwrap(await registerUser(ctx, body, requestContext(req)));
        return 'refresh' in registered ? withCookie(res, registered) : registered.body;
      },
    }),
    route.post('/login', {
      summary: 'Sign in with email and password',
      use: [limits.loginIp, ...json, limits.loginAccount],
      body: LoginBody,
      responses: { 200: LoginResponse },
      errors: ['invalid_credentials', 'account_inactive', 'email_not_verified'],
      handle: async (req, res, { body }) => {
        const signedIn = unwrap(await logIn(ctx, body, requestContext(req)));
        // A second-factor challenge is no session: no cookie until POST /api/auth/mfa/verify.
        return 'refresh' in signedIn ? withCookie(res, signedIn) : signedIn;
      },
    }),
    route.post('/refresh', {
      summary: 'Exchange the refresh cookie for a new access token (rotates the cookie)',
      use: [fromTheApp, limits.refresh],
      responses: { 200: SessionResponse },
      errors: ['invalid_refresh_token'],
      handle: async (req, res) => {
        const presented = readRefreshCookie(req, cookie);
        const outcome = presented
          ? await refreshSession(ctx, presented, requestContext(req))
          : refuse('invalid_refresh_token', 'No session cookie; log in');
        // A refused cookie is gone for good: the browser is told to drop it.
        if (!outcome.ok) clearRefreshCookie(res, cookie);
        return withCookie(res, unwrap(outcome));
      },
    }),
    route.post('/logout', {
      summary: 'End the session of the refresh cookie',
      use: [fromTheApp],
      responses: { 204: null },
      errors: ['invalid_refresh_token'],
      handle: async (req, res) => {
        // The cookie goes whatever the answer: this browser is done with it.
        clearRefreshCookie(res, cookie);
        return unwrap(await logOut(ctx, readRefreshCookie(req, cookie), requestContext(req)));
      },
    }),
    route.post('/logout-all', {
      summary: 'End every session of the caller',
      use: [requireUser],
      responses: { 204: null },
      handle: async (req, res) => {
        await logOutEverywhere(ctx, actingUser(req));
        clearRefreshCookie(res, cookie);
      },
    }),
    route.get('/sessions', {
      summary: 'List the caller’s live sessions',
      use: [requireUser],
      responses: { 200: pageOf(SessionView) },
      handle: async (req) => {
        const { userId, sessionId } = currentIdentity(req);
        return { items: await listSessions(ctx, userId, sessionId), nextCursor: null };
      },
    }),
    route.delete('/sessions/:id', {
      summary: 'End one of the caller’s sessions',
      use: [requireUser],
      params: SessionParams,
      responses: { 204: null },
      handle: async (req, _res, { params }) => unwrap(await endSession(ctx, actingUser(req), params.id)),
    }),
    route.post('/password/change', {
      summary: 'Change the password; ends every other session',
      use: [requireAuth, requireFreshUser(ctx.db), requireRecentSecondFactor(ctx), limits.password, ...json],
      body: PasswordChangeBody,
      responses: { 204: null },
      errors: ['invalid_credentials'],
      handle: async (req, _res, { body }) => unwrap(await changePassword(ctx, actingUser(req), body)),
    }),
    ...mfaRoutes(ctx, withCookie),
    ...recoveryRoutes(ctx, json),
  ];
  return { path: '/api/auth', name: 'auth', description: 'Sign-up, sign-in, the refresh cookie and sessions', routes };
}
