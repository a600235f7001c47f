import type { AppContext } from '../app-context.ts';
import { unwrap } from '../http/http-error.ts';
import { guarded, route, type Route } from '../http/routes.ts';
import { actingUser, requireAdmin } from '../identity/guards.ts';
import { grantRole, revokeRole } from './user-roles.service.ts';
import { UserRoleParams } from './users.schemas.ts';

/** /api/users/:id/roles/:name: grant and revoke a role (admin, idempotent). */
export function userRoleRoutes(ctx: AppContext): Route[] {
  const change = (method: 'put' | 'delete', summary: string, apply: typeof grantRole) =>
    route[method]('/:id/roles/:name', {
      summary,
      params: UserRoleParams,
      responses: { 204: null },
      errors: ['last_admin'],
      handle: async (req, _res, { params }) => unwrap(await apply(ctx, actingUser(req), params.id, params.name)),
    });
  return guarded(requireAdmin(ctx.db), [
    change('put', 'Grant a role to a user (admin)', grantRole),
    change('delete', 'Take a role from a user (admin); ends their sessions', revokeRole),
  ]);
}
