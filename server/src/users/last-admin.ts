import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { HttpError } from '../http/http-error.ts';
import { withRoleNames, type UserWithRoles } from './users.serializer.ts';

const ADMIN_ROLE = 'admin';
// Any fixed number: serializes every change that could remove the last admin.
const ADMIN_CHANGES_LOCK = 7_335_001;

/**
 * Runs an admin-affecting change in a transaction that holds a lock, so two admins demoting
 * each other at the same moment cannot both pass the last-admin check.
 */
export function withAdminLock<T>(db: Db, change: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK})`;
    return change(tx);
  });
}

/** The user an admin change is about, read inside the locked transaction; 404 when missing. */
export async function findTargetUser(tx: Prisma.TransactionClient, userId: string): Promise<UserWithRoles> {
  const target = await tx.user.findUnique({ where: { id: userId }, include: withRoleNames });
  if (!target) throw new HttpError('not_found', 'No such user');
  return target;
}

export function isActiveAdmin(user: UserWithRoles): boolean {
  return user.isActive && user.roles.some((r) => r.roleName === ADMIN_ROLE);
}

/** Throws 409 last_admin unless another active admin exists besides `userId`. */
export async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const others = await tx.user.count({
    where: { id: { not: userId }, isActive: true, roles: { some: { roleName: ADMIN_ROLE } } },
  });
  if (others === 0) throw new HttpError('last_admin', 'This is the last active admin: promote another admin first');
}
