import type { AppContext } from '../app-context.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError, unwrap } from '../http/http-error.ts';
import { route, type Feature } from '../http/routes.ts';
import {
  actingUser,
  currentIdentity,
  requireAdmin,
  requireAdminOrScope,
  requireAuth,
  requireFreshUser,
  requireUser,
} from '../identity/guards.ts';
import { UserResponse } from '../contract/accounts.ts';
import { pageOf } from '../contract/pages.ts';
import { findUserWithRoles, toPublicUser } from '../user-model/user-model.ts';
import { requireRecentSecondFactor } from '../identity/second-factor.ts';
import { userFactorRoutes } from './user-factors.routes.ts';
import { userRoleRoutes } from './user-roles.routes.ts';
import { AdminUpdateUserBody, ListUsersQuery, UpdateMeBody, UserParams } from './users.schemas.ts';
import { deleteUser, findUser, listUsers, setUserActive, updateMe } from './users.service.ts';

/** /api/users: the caller's own profile, user management for admins, and users' roles. */
export function usersFeature(ctx: AppContext): Feature {
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  const admin = requireAdmin(ctx.db);
  const routes = [
    route.get('/me', {
      summary: 'The caller’s own profile',
      use: [requireUser],
      responses: { 200: UserResponse },
      handle: async (req) => {
        const user = await findUserWithRoles(ctx.db, currentIdentity(req).userId);
        if (!user?.isActive)
          throw new HttpError('invalid_token', 'The account behind this token no longer exists or is inactive');
        return toPublicUser(user);
      },
    }),
    route.patch('/me', {
      summary: 'Change the caller’s name, or email with the current password',
      use: [
        requireAuth,
        requireFreshUser(ctx.db),
        ...json,
        // An email change is sensitive: it needs a recent second factor (a name change does not).
        requireRecentSecondFactor(ctx, (req) => (req.body as { email?: unknown } | undefined)?.email !== undefined),
        ctx.limits.passwordInBody,
      ],
      body: UpdateMeBody,
      responses: { 200: UserResponse },
      errors: ['invalid_credentials', 'email_taken'],
      handle: async (req, _res, { body }) => toPublicUser(unwrap(await updateMe(ctx, actingUser(req), body))),
    }),
    route.get('/', {
      summary: 'List users (admin), newest first, filtered by email prefix, role and active flag',
      use: admin,
      query: ListUsersQuery,
      responses: { 200: pageOf(UserResponse) },
      handle: (_req, _res, { query }) => listUsers(ctx.db, query),
    }),
    route.get('/:id', {
      summary: 'One user (admin, or a service client with the scope users:read)',
      use: requireAdminOrScope(ctx.db, 'users:read'),
      params: UserParams,
      responses: { 200: UserResponse },
      handle: async (_req, _res, { params }) => toPublicUser(unwrap(await findUser(ctx.db, params.id))),
    }),
    route.patch('/:id', {
      summary: 'Activate or deactivate a user (admin); deactivation ends their sessions',
      use: [...admin, ...json],
      params: UserParams,
      body: AdminUpdateUserBody,
      responses: { 200: UserResponse },
      errors: ['last_admin'],
      handle: async (req, _res, { params, body }) =>
        toPublicUser(unwrap(await setUserActive(ctx, actingUser(req), params.id, body.isActive))),
    }),
    route.delete('/:id', {
      summary: 'Delete a user with their drawings and sessions (admin)',
      use: admin,
      params: UserParams,
      responses: { 204: null },
      errors: ['last_admin'],
      handle: async (req, _res, { params }) => unwrap(await deleteUser(ctx, actingUser(req), params.id)),
    }),
    ...userRoleRoutes(ctx),
    ...userFactorRoutes(ctx),
  ];
  return {
    path: '/api/users',
    name: 'users',
    description: 'Your profile; user and role management for admins',
    routes,
  };
}
