import { randomBytes } from 'node:crypto';
import { hashPassword, type PasswordHashing } from '../server/src/identity/passwords.ts';
import type { Db } from '../server/src/db/client.ts';
import { normalizeEmail } from '../server/src/user-model/user-model.ts';

// The roles themselves ship in the migration 20261123113600_builtin_roles.
const ADMIN_ROLES = ['admin', 'user'];

export interface SeedResult {
  adminEmail: string;
  adminCreated: boolean;
  /** Set only when the password was generated here: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * Idempotent: creates the first admin when no user has that email yet. The admin's password
 * comes from ADMIN_PASSWORD or is generated (and returned, to be shown once).
 */
export async function seedDatabase(
  db: Db,
  options: { adminEmail?: string | undefined; adminPassword?: string | undefined; hashing: PasswordHashing },
): Promise<SeedResult> {
  const adminEmail = normalizeEmail(options.adminEmail ?? 'admin@example.com');
  if (await db.user.findUnique({ where: { email: adminEmail } })) return { adminEmail, adminCreated: false };
  const generatedPassword = options.adminPassword ? undefined : randomBytes(18).toString('base64url');
  const password = options.adminPassword ?? generatedPassword ?? '';
  await db.user.create({
    data: {
      email: adminEmail,
      name: 'Administrator',
      passwordHash: await hashPassword(password, options.hashing),
      emailVerified: true,
      roles: { create: ADMIN_ROLES.map((roleName) => ({ roleName })) },
    },
  });
  return { adminEmail, adminCreated: true, ...(generatedPassword ? { generatedPassword } : {}) };
}
