import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CreateRoleBody, RoleView } from '../contract/accounts.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor } from '../core/request-context.ts';
import { isUniqueViolation } from '../db/prisma-errors.ts';
import { endAllAccess } from '../identity/end-sessions.ts';

type RolesDeps = Pick<AppContext, 'db' | 'revocations' | 'clock'>;

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

export async function createRole(deps: RolesDeps, by: Actor, input: CreateRoleBody): Promise<Outcome<RoleView>> {
  try {
    const role = await deps.db.role.create({ data: { name: input.name, description: input.description ?? '' } });
    await recordAudit(deps.db, by.request, { type: 'role.created', actorId: by.userId, data: { role: role.name } });
    return succeed(toRoleView(role));
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('role_exists', `The role ${input.name} already exists`);
    throw error;
  }
}

/** Deletes a custom role; its holders lose it and are logged out so their tokens drop it. */
export async function deleteRole(deps: RolesDeps, by: Actor, name: string): Promise<Outcome<null>> {
  const role = await deps.db.role.findUnique({ where: { name }, include: { users: { select: { userId: true } } } });
  if (!role) return refuse('not_found', `No role named ${name}`);
  if (role.builtIn) return refuse('built_in_role', `${name} is built in and cannot be deleted`);
  await deps.db.role.delete({ where: { name } });
  const data = { role: name, holders: role.users.length };
  await recordAudit(deps.db, by.request, { type: 'role.deleted', actorId: by.userId, data });
  for (const { userId } of role.users) await endAllAccess(deps, userId, 'roles_changed');
  return succeed(null);
}
