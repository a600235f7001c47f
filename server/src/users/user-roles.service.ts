import { recordAudit } from '../audit/audit.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor } from '../core/request-context.ts';
import { endAllAccess } from '../identity/end-sessions.ts';
import { ADMIN_ROLE, hasAnotherActiveAdmin, isActiveAdmin, withAdminLock } from '../user-model/last-admin.ts';
import { withRoleNames } from '../user-model/user-model.ts';
import type { UsersDeps } from './users.service.ts';

/** Idempotent grant; the new role shows in the user's next access token. */
export async function grantRole(deps: UsersDeps, by: Actor, userId: string, name: string): Promise<Outcome<null>> {
  const [user, role] = await Promise.all([
    deps.db.user.findUnique({ where: { id: userId }, select: { id: true } }),
    deps.db.role.findUnique({ where: { name } }),
  ]);
  if (!user) return refuse('not_found', 'No such user');
  if (!role) return refuse('not_found', `No role named ${name}`);
  const created = await deps.db.userRole.createMany({ data: [{ userId, roleName: name }], skipDuplicates: true });
  if (created.count) {
    await recordAudit(deps.db, by.request, { type: 'role.granted', userId, actorId: by.userId, data: { role: name } });
  }
  return succeed(null);
}

/**
 * Idempotent removal. Tokens carry roles, so the user is logged out everywhere at once; the last
 * active admin cannot lose the admin role.
 */
export async function revokeRole(deps: UsersDeps, by: Actor, userId: string, name: string): Promise<Outcome<null>> {
  const outcome = await withAdminLock(deps.db, async (tx): Promise<Outcome<boolean>> => {
    const target = await tx.user.findUnique({ where: { id: userId }, include: withRoleNames });
    if (!target) return refuse('not_found', 'No such user');
    if (name === ADMIN_ROLE && isActiveAdmin(target) && !(await hasAnotherActiveAdmin(tx, userId))) {
      return refuse('last_admin', 'This is the last active admin: promote another admin first');
    }
    const { count } = await tx.userRole.deleteMany({ where: { userId, roleName: name } });
    if (count)
      await recordAudit(tx, by.request, { type: 'role.revoked', userId, actorId: by.userId, data: { role: name } });
    return succeed(count > 0);
  });
  if (!outcome.ok) return outcome;
  if (outcome.value) await endAllAccess(deps, userId, 'roles_changed');
  return succeed(null);
}
