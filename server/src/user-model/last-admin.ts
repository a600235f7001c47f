import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { UserWithRoles } from './user-model.ts';

export const ADMIN_ROLE = 'admin';
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

export function isActiveAdmin(user: UserWithRoles): boolean {
  return user.isActive && user.roles.some((r) => r.roleName === ADMIN_ROLE);
}

/** True when another active admin exists besides `userId` (read inside withAdminLock). */
export async function hasAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<boolean> {
  const others = await tx.user.count({
    where: { id: { not: userId }, isActive: true, roles: { some: { roleName: ADMIN_ROLE } } },
  });
  return others > 0;
}
