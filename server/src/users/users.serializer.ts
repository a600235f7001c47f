import type { Prisma } from '../generated/prisma/client.ts';

/** The query shape every serialized user is loaded with. */
export const withRoleNames = { roles: { select: { roleName: true }, orderBy: { roleName: 'asc' } } } as const;

export type UserWithRoles = Prisma.UserGetPayload<{ include: typeof withRoleNames }>;

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  isActive: boolean;
  emailVerified: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
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
