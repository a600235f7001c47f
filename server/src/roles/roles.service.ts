import type { AuthDeps } from '../auth/auth.service.ts';
import { recordAudit } from '../audit/audit.ts';
import { HttpError } from '../http/http-error.ts';
import type { RequestContext } from '../http/request-context.ts';
import { assertAnotherActiveAdmin, findTargetUser, isActiveAdmin, withAdminLock } from '../users/last-admin.ts';
import { revokeAllAccess } from '../auth/sessions.service.ts';

type RolesDeps = Pick<AuthDeps, 'db' | 'revocations' | 'clock'>;

export interface RoleView {
  name: string;
  description: string;
  builtIn: boolean;
  createdAt: string;
}

function toRoleView(role: { name: string; description: string; builtIn: boolean; createdAt: Date }): RoleView {
  return {
    name: role.name,
    description: role.description,
    builtIn: role.builtIn,
    createdAt: role.createdAt.toISOString(),
  };
}

export async function listRoles(deps: RolesDeps): Promise<RoleView[]> {
  return (await deps.db.role.findMany({ orderBy: { name: 'asc' } })).map(toRoleView);
}

export async function createRole(
  deps: RolesDeps,
  actorId: string,
  input: { name: string; description?: string | undefined },
  ctx: RequestContext,
) {
  try {
    const role = await deps.db.role.create({ data: { name: input.name, description: input.description ?? '' } });
    await recordAudit(deps.db, ctx, { type: 'role.created', actorId, data: { role: role.name } });
    return toRoleView(role);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002')
      throw new HttpError('role_exists', `The role ${input.name} already exists`);
    throw error;
  }
}

/** Deletes a custom role; its holders lose it and are logged out so their tokens drop it. */
export async function deleteRole(deps: RolesDeps, actorId: string, name: string, ctx: RequestContext): Promise<void> {
  const role = await deps.db.role.findUnique({ where: { name }, include: { users: { select: { userId: true } } } });
  if (!role) throw new HttpError('not_found', `No role named ${name}`);
  if (role.builtIn) throw new HttpError('built_in_role', `${name} is built in and cannot be deleted`);
  await deps.db.role.delete({ where: { name } });
  await recordAudit(deps.db, ctx, { type: 'role.deleted', actorId, data: { role: name, holders: role.users.length } });
  for (const { userId } of role.users) await revokeAllAccess(deps, userId, 'roles_changed');
}

/** Idempotent grant; the new role shows in the user's next access token. */
export async function grantRole(
  deps: RolesDeps,
  actorId: string,
  userId: string,
  name: string,
  ctx: RequestContext,
): Promise<void> {
  const [user, role] = await Promise.all([
    deps.db.user.findUnique({ where: { id: userId }, select: { id: true } }),
    deps.db.role.findUnique({ where: { name } }),
  ]);
  if (!user) throw new HttpError('not_found', 'No such user');
  if (!role) throw new HttpError('not_found', `No role named ${name}`);
  const created = await deps.db.userRole.createMany({ data: [{ userId, roleName: name }], skipDuplicates: true });
  if (created.count) await recordAudit(deps.db, ctx, { type: 'role.granted', userId, actorId, data: { role: name } });
}

/**
 * Idempotent removal. Tokens carry roles, so the user is logged out everywhere at once; the last
 * active admin cannot lose the admin role.
 */
export async function revokeRole(
  deps: RolesDeps,
  actorId: string,
  userId: string,
  name: string,
  ctx: RequestContext,
): Promise<void> {
  const removed = await withAdminLock(deps.db, async (tx) => {
    const target = await findTargetUser(tx, userId);
    if (name === 'admin' && isActiveAdmin(target)) await assertAnotherActiveAdmin(tx, userId);
    const { count } = await tx.userRole.deleteMany({ where: { userId, roleName: name } });
    if (count) await recordAudit(tx, ctx, { type: 'role.revoked', userId, actorId, data: { role: name } });
    return count > 0;
  });
  if (removed) await revokeAllAccess(deps, userId, 'roles_changed');
}
