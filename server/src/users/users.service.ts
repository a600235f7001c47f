import type { AuthDeps } from '../auth/auth.service.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { revokeAllAccess } from '../auth/sessions.service.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { HttpError } from '../http/http-error.ts';
import { afterCursor, toPage } from '../http/pagination.ts';
import type { RequestContext } from '../http/request-context.ts';
import { isDuplicateEmail } from './email.ts';
import { assertAnotherActiveAdmin, findTargetUser, isActiveAdmin, withAdminLock } from './last-admin.ts';
import type { ListUsersQuery, UpdateMeBody } from './users.schemas.ts';
import { toPublicUser, withRoleNames, type UserWithRoles } from './users.serializer.ts';

type UsersDeps = Pick<AuthDeps, 'db' | 'revocations' | 'clock'>;

/** Newest first, filtered by email prefix, role and active flag. */
export async function listUsers(db: Db, query: ListUsersQuery) {
  const rows = await db.user.findMany({
    where: {
      ...(query.email ? { email: { startsWith: escapeLikePattern(query.email) } } : {}),
      ...(query.role ? { roles: { some: { roleName: query.role } } } : {}),
      ...(query.active === undefined ? {} : { isActive: query.active }),
      ...afterCursor('createdAt', query.cursor),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    include: withRoleNames,
  });
  const page = toPage(rows, query.limit, (u) => u.createdAt);
  return { items: page.items.map(toPublicUser), nextCursor: page.nextCursor };
}

/** Prisma passes `startsWith` to LIKE unescaped: `_` and `%` in a prefix must match themselves. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findUserOrThrow(db: Db, id: string): Promise<UserWithRoles> {
  const user = await db.user.findUnique({ where: { id }, include: withRoleNames });
  if (!user) throw new HttpError('not_found', 'No such user');
  return user;
}

export async function setUserActive(
  deps: UsersDeps,
  actorId: string,
  userId: string,
  isActive: boolean,
  ctx: RequestContext,
) {
  const updated = await withAdminLock(deps.db, async (tx) => {
    const target = await findTargetUser(tx, userId);
    if (!isActive && isActiveAdmin(target)) await assertAnotherActiveAdmin(tx, userId);
    const user = await tx.user.update({ where: { id: userId }, data: { isActive }, include: withRoleNames });
    if (target.isActive !== isActive) {
      await recordAudit(tx, ctx, { type: isActive ? 'user.activated' : 'user.deactivated', userId, actorId });
    }
    return user;
  });
  if (!isActive) await revokeAllAccess(deps, userId, 'user_deactivated');
  return updated;
}

/** Deletes the user; their drawings and sessions go with them (cascade), audit rows stay. */
export async function deleteUser(deps: UsersDeps, actorId: string, userId: string, ctx: RequestContext): Promise<void> {
  const sessionIds = await withAdminLock(deps.db, async (tx) => {
    const target = await findTargetUser(tx, userId);
    if (isActiveAdmin(target)) await assertAnotherActiveAdmin(tx, userId);
    const families = await tx.refreshFamily.findMany({ where: { userId }, select: { id: true } });
    await recordAudit(tx, ctx, { type: 'user.deleted', actorId, data: { userId, email: target.email } });
    await tx.user.delete({ where: { id: userId } });
    return families.map((f) => f.id);
  });
  await Promise.all(sessionIds.map((id) => deps.revocations.revokeSession(id)));
  await deps.revocations.revokeUser(userId);
}

/** A user's own changes: display name, and email only with the current password. */
export async function updateMe(deps: UsersDeps, userId: string, body: UpdateMeBody, ctx: RequestContext) {
  const user = await findUserOrThrow(deps.db, userId);
  const emailChanges = body.email !== undefined && body.email !== user.email;
  if (body.currentPassword !== undefined && !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new HttpError('invalid_credentials', 'The current password is wrong');
  }
  const data = {
    ...(body.name === undefined ? {} : { name: body.name }),
    // A new address is unverified until verified again.
    ...(emailChanges ? { email: body.email, emailVerified: false } : {}),
  };
  try {
    const updated = await deps.db.user.update({ where: { id: userId }, data, include: withRoleNames });
    await recordAudit(deps.db, ctx, {
      type: 'user.updated',
      userId,
      actorId: userId,
      data: { fields: Object.keys(data) },
    });
    return updated;
  } catch (error) {
    if (isDuplicateEmail(error)) {
      throw new HttpError('email_taken', 'An account with this email already exists');
    }
    throw error;
  }
}
