/**
 * The user read model shared by auth, users and roles: the query shape every serialized user is
 * loaded with, the one serializer, lookups, and the duplicate-email check. Below the features:
 * it imports only the base and the contract.
 */
import type { PublicUser } from '../contract/accounts.ts';
import { sqlPool, type Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/prisma-errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export { normalizeEmail } from '../contract/accounts.ts';

/** The query shape every serialized user is loaded with. */
export const withRoleNames = { roles: { select: { roleName: true }, orderBy: { roleName: 'asc' } } } as const;

export type UserWithRoles = Prisma.UserGetPayload<{ include: typeof withRoleNames }>;

// Every column of users and the role names in one statement: the reads behind each `/users/me`,
// refresh, sign-in and fresh-user check, so they skip Prisma's per-query cost (docs/benchmarks.md).
const USER_WITH_ROLES = `
  SELECT u.id, u.email, u.name, u.password_hash, u.password_set, u.is_active, u.email_verified,
         u.created_at, u.updated_at, u.last_login_at, u.plan,
         coalesce((SELECT array_agg(r.role_name ORDER BY r.role_name) FROM user_roles r WHERE r.user_id = u.id),
                  '{}') AS roles
  FROM users u`;

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  password_set: boolean;
  is_active: boolean;
  email_verified: boolean;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  plan: string;
  roles: string[];
}

/**
 * The user with their role names, or null; the same value Prisma's `include: withRoleNames` gives.
 * Outside a transaction only: inside one, read with `tx.user.findUnique({ include: withRoleNames })`.
 */
export function findUserWithRoles(db: Db, id: string): Promise<UserWithRoles | null> {
  return findOneUser(db, 'u.id = $1::uuid', id);
}

/** The user owning a (normalized) email, with their role names, or null. */
export function findUserByEmail(db: Db, email: string): Promise<UserWithRoles | null> {
  return findOneUser(db, 'u.email = $1', email);
}

async function findOneUser(db: Db, condition: string, value: string): Promise<UserWithRoles | null> {
  const [user] = await selectUsersWithRoles(db, `WHERE ${condition}`, [value]);
  return user ?? null;
}

/**
 * Users with their role names, for a statement's tail over `u` (WHERE, ORDER BY, LIMIT) with
 * its parameters ($1...): the one SELECT every user read shares.
 */
export async function selectUsersWithRoles(db: Db, tail: string, params: unknown[]): Promise<UserWithRoles[]> {
  const { rows } = await sqlPool(db).query<UserRow>(`${USER_WITH_ROLES} ${tail}`, params);
  return rows.map(fromUserRow);
}

function fromUserRow(row: UserRow): UserWithRoles {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    passwordSet: row.password_set,
    isActive: row.is_active,
    emailVerified: row.email_verified,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
    plan: row.plan,
    roles: row.roles.map((roleName) => ({ roleName })),
  };
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
