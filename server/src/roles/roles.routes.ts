import type { AppContext } from '../app-context.ts';
import { createJsonBody } from '../http/body.ts';
import { unwrap } from '../http/http-error.ts';
import { guarded, route, type Feature } from '../http/routes.ts';
import { actingUser, requireAdmin } from '../identity/guards.ts';
import { RoleView } from '../contract/accounts.ts';
import { pageOf } from '../contract/pages.ts';
import { CreateRoleBody, RoleParams } from './roles.schemas.ts';
import { createRole, deleteRole, listRoles } from './roles.service.ts';

/** /api/roles, admins only (roles re-read from the database). */
export function rolesFeature(ctx: AppContext): Feature {
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  const routes = guarded(requireAdmin(ctx.db), [
    route.get('/', {
      summary: 'List roles (admin)',
      responses: { 200: pageOf(RoleView) },
      handle: async () => ({ items: await listRoles(ctx), nextCursor: null }),
    }),
    route.post('/', {
      summary: 'Create a custom role (admin)',
      use: json,
      body: CreateRoleBody,
      responses: { 201: RoleView },
      errors: ['role_exists'],
      handle: async (req, res, { body }) => {
        const role = unwrap(await createRole(ctx, actingUser(req), body));
        res.location(`/api/roles/${role.name}`);
        return role;
      },
    }),
    route.delete('/:name', {
      summary: 'Delete a custom role (admin); its holders lose it and are signed out',
      params: RoleParams,
      responses: { 204: null },
      errors: ['built_in_role'],
      handle: async (req, _res, { params }) => unwrap(await deleteRole(ctx, actingUser(req), params.name)),
    }),
  ]);
  return { path: '/api/roles', name: 'roles', description: 'Roles and their management (admin)', routes };
}
