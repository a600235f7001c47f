/**
 * The user read model shared by auth, users and roles: the query shape every serialized user is
 * loaded with, the one serializer, lookups, and the duplicate-email check. Below the features:
 * it imports only the base and the contract.
 */
import type { PublicUser } from '../contract/accounts.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/prisma-errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export { normalizeEmail } from '../contract/accounts.ts';

/** The query shape every serialized user is loaded with. */
export const withRoleNames = { roles: { select: { roleName: true }, orderBy: { roleName: 'asc' } } } as const;

export type UserWithRoles = Prisma.UserGetPayload<{ include: typeof withRoleNames }>;

type Reader = Db | Prisma.TransactionClient;

/** The user with their role names, or null. */
export function findUserWithRoles(db: Reader, id: string): Promise<UserWithRoles | null> {
  return db.user.findUnique({ where: { id }, include: withRoleNames });
}

/** The user owning a (normalized) email, with their role names, or null. */
export function findUserByEmail(db: Reader, email: string): Promise<UserWithRoles | null> {
  return db.user.findUnique({ where: { email }, include: withRoleNames });
}

/**
 * The one way a user leaves the server. It lists fields instead of spreading the row, so a
 * column added later (a hash, a secret) cannot leak by default.
 */
export function toPublicUser(user: UserWithRoles): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.roleName),
    isActive: user.isActive,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** True for the unique-index violation on users.email (the database decides races, not a lookup). */
export function isDuplicateEmail(error: unknown): boolean {
  return isUniqueViolation(error, 'email');
}
