import type { Db } from '../db/client.ts';
import { hashPassword, verifyPassword, type PasswordHashing } from '../identity/passwords.ts';
import { normalizeEmail } from '../user-model/user-model.ts';

const ROLES = ['admin', 'user'];

/**
 * Development only (config refuses DEV_ADMIN_* elsewhere): makes sure the admin `npm run dev`
 * announces exists, is active, holds the admin role and has the announced password, so the Postman
 * collection's admin folder runs without stopping the server to seed. Returns whether it was created.
 */
export async function ensureDevAdmin(
  db: Db,
  admin: { email: string; password: string },
  hashing: PasswordHashing,
): Promise<boolean> {
  const email = normalizeEmail(admin.email);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const roles = {
    connectOrCreate: ROLES.map((roleName) => ({
      where: { userId_roleName: { userId: existing?.id ?? '', roleName } },
      create: { roleName },
    })),
  };
  if (!existing) {
    const passwordHash = await hashPassword(admin.password, hashing);
    await db.user.create({
      data: {
        email,
        name: 'Development admin',
        passwordHash,
        emailVerified: true,
        roles: { create: ROLES.map((roleName) => ({ roleName })) },
      },
    });
    return true;
  }
  const samePassword = await verifyPassword(existing.passwordHash, admin.password);
  await db.user.update({
    where: { id: existing.id },
    data: {
      isActive: true,
      ...(samePassword ? {} : { passwordHash: await hashPassword(admin.password, hashing) }),
      roles,
    },
  });
  return false;
}
