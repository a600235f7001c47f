import { Router, type Response } from 'express';
import { createJsonBody } from '../http/body.ts';
import { HttpError } from '../http/http-error.ts';
import { rejectOtherMethods } from '../http/methods.ts';
import { requestContext } from '../http/request-context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import type { AuthLimits } from './auth-limits.ts';
import { LoginBody, PasswordChangeBody, RegisterBody, SessionParams } from './auth.schemas.ts';
import { changePassword, logIn, registerUser, type AuthDeps, type StartedSession } from './auth.service.ts';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './cookies.ts';
import { requireTrustedOrigin } from './csrf.ts';
import { currentIdentity, requireAuth, requireFreshUser } from './guards.ts';
import { endSession, listSessions, logOut, logOutEverywhere, refreshSession } from './sessions.service.ts';

/** /api/auth: register, login, refresh, logout, sessions and password change. */
export function createAuthRouter(deps: AuthDeps & { limits: AuthLimits }): Router {
  const { config } = deps;
  const router = Router();
  const json = createJsonBody(config.http.jsonBodyLimit);
  const { limits } = deps;
  const fromTheApp = requireTrustedOrigin(config.http.corsOrigins);
  const sendSession = (res: Response, status: number, session: StartedSession) => {
    setRefreshCookie(res, config.auth.cookie, session.refresh.token, session.refresh.expiresAt, deps.clock.now());
    res.status(status).json(session.body);
  };

  router
    .route('/register')
    .post(limits.register, ...json, async (req, res) => {
      sendSession(res, 201, await registerUser(deps, parseBody(RegisterBody, req), requestContext(req)));
    })
    .all(rejectOtherMethods);

  router
    .route('/login')
    .post(limits.loginIp, ...json, limits.loginAccount, async (req, res) => {
      sendSession(res, 200, await logIn(deps, parseBody(LoginBody, req), requestContext(req)));
    })
    .all(rejectOtherMethods);

  router
    .route('/refresh')
    .post(fromTheApp, limits.refresh, async (req, res) => {
      const presented = readRefreshCookie(req, config.auth.cookie);
      try {
        if (!presented) throw new HttpError('invalid_refresh_token', 'No session cookie; log in');
        sendSession(res, 200, await refreshSession(deps, presented, requestContext(req)));
      } catch (error) {
        if (error instanceof HttpError) clearRefreshCookie(res, config.auth.cookie);
        throw error;
      }
    })
    .all(rejectOtherMethods);

  router
    .route('/logout')
    .post(fromTheApp, async (req, res) => {
      // The cookie goes whatever the answer: this browser is done with it.
      clearRefreshCookie(res, config.auth.cookie);
      await logOut(deps, readRefreshCookie(req, config.auth.cookie), requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  router
    .route('/logout-all')
    .post(requireAuth, async (req, res) => {
      await logOutEverywhere(deps, currentIdentity(req).userId, requestContext(req));
      clearRefreshCookie(res, config.auth.cookie);
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  router
    .route('/sessions')
    .get(requireAuth, async (req, res) => {
      const { userId, sessionId } = currentIdentity(req);
      res.json({ items: await listSessions(deps, userId, sessionId), nextCursor: null });
    })
    .all(rejectOtherMethods);

  router
    .route('/sessions/:id')
    .delete(requireAuth, async (req, res) => {
      const { id } = parseParams(SessionParams, req);
      await endSession(deps, currentIdentity(req).userId, id, requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  router
    .route('/password/change')
    .post(requireAuth, requireFreshUser(deps.db), limits.password, ...json, async (req, res) => {
      await changePassword(deps, currentIdentity(req), parseBody(PasswordChangeBody, req), requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  return router;
}
