import { Router } from 'express';
import type { AuthLimits } from '../auth/auth-limits.ts';
import type { AuthDeps } from '../auth/auth.service.ts';
import { currentIdentity, requireAuth, requireFreshUser, requireRole } from '../auth/guards.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError } from '../http/http-error.ts';
import { rejectOtherMethods } from '../http/methods.ts';
import { requestContext } from '../http/request-context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { AdminUpdateUserBody, ListUsersQuery, UpdateMeBody, UserParams } from './users.schemas.ts';
import { toPublicUser, withRoleNames } from './users.serializer.ts';
import { deleteUser, findUserOrThrow, listUsers, setUserActive, updateMe } from './users.service.ts';

/** /api/users: the caller's own profile, and user management for admins. */
export function createUsersRouter(deps: AuthDeps & { limits: AuthLimits }): Router {
  const router = Router();
  const json = createJsonBody(deps.config.http.jsonBodyLimit);
  const admin = [requireAuth, requireFreshUser(deps.db), requireRole('admin')];

  router
    .route('/me')
    .get(requireAuth, async (req, res) => {
      const user = await deps.db.user.findUnique({
        where: { id: currentIdentity(req).userId },
        include: withRoleNames,
      });
      if (!user?.isActive)
        throw new HttpError('invalid_token', 'The account behind this token no longer exists or is inactive');
      res.json(toPublicUser(user));
    })
    .patch(requireAuth, requireFreshUser(deps.db), ...json, deps.limits.passwordInBody, async (req, res) => {
      const body = parseBody(UpdateMeBody, req);
      res.json(toPublicUser(await updateMe(deps, currentIdentity(req).userId, body, requestContext(req))));
    })
    .all(rejectOtherMethods);

  router
    .route('/')
    .get(...admin, async (req, res) => {
      res.json(await listUsers(deps.db, parseQuery(ListUsersQuery, req)));
    })
    .all(rejectOtherMethods);

  router
    .route('/:id')
    .get(...admin, async (req, res) => {
      res.json(toPublicUser(await findUserOrThrow(deps.db, parseParams(UserParams, req).id)));
    })
    .patch(...admin, ...json, async (req, res) => {
      const { id } = parseParams(UserParams, req);
      const { isActive } = parseBody(AdminUpdateUserBody, req);
      res.json(toPublicUser(await setUserActive(deps, currentIdentity(req).userId, id, isActive, requestContext(req))));
    })
    .delete(...admin, async (req, res) => {
      await deleteUser(deps, currentIdentity(req).userId, parseParams(UserParams, req).id, requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  return router;
}
