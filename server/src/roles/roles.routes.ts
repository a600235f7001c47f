import { Router } from 'express';
import type { AuthDeps } from '../auth/auth.service.ts';
import { currentIdentity, requireAuth, requireFreshUser, requireRole } from '../auth/guards.ts';
import { createJsonBody } from '../http/body.ts';
import { rejectOtherMethods } from '../http/methods.ts';
import { requestContext } from '../http/request-context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import { CreateRoleBody, RoleParams, UserRoleParams } from './roles.schemas.ts';
import { createRole, deleteRole, grantRole, listRoles, revokeRole } from './roles.service.ts';

/** /api/roles and /api/users/:id/roles/:name, admins only (roles re-read from the database). */
export function createRolesRouter(deps: AuthDeps): Router {
  const router = Router();
  const admin = [requireAuth, requireFreshUser(deps.db), requireRole('admin')];
  const json = createJsonBody(deps.config.http.jsonBodyLimit);

  router
    .route('/roles')
    .get(...admin, async (_req, res) => {
      res.json({ items: await listRoles(deps), nextCursor: null });
    })
    .post(...admin, ...json, async (req, res) => {
      const role = await createRole(
        deps,
        currentIdentity(req).userId,
        parseBody(CreateRoleBody, req),
        requestContext(req),
      );
      res.status(201).location(`/api/roles/${role.name}`).json(role);
    })
    .all(rejectOtherMethods);

  router
    .route('/roles/:name')
    .delete(...admin, async (req, res) => {
      await deleteRole(deps, currentIdentity(req).userId, parseParams(RoleParams, req).name, requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  router
    .route('/users/:id/roles/:name')
    .put(...admin, async (req, res) => {
      const { id, name } = parseParams(UserRoleParams, req);
      await grantRole(deps, currentIdentity(req).userId, id, name, requestContext(req));
      res.status(204).end();
    })
    .delete(...admin, async (req, res) => {
      const { id, name } = parseParams(UserRoleParams, req);
      await revokeRole(deps, currentIdentity(req).userId, id, name, requestContext(req));
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  return router;
}
