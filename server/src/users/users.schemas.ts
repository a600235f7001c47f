import { z } from 'zod';
import { DisplayName, Email } from '../auth/auth.schemas.ts';
import { PageQuery } from '../http/pagination.ts';
import { RoleName } from '../roles/roles.schemas.ts';

export const UserParams = z.object({ id: z.uuid() });

export const ListUsersQuery = PageQuery.extend({
  email: z.string().trim().toLowerCase().min(1).max(254).optional(),
  role: RoleName.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).strict();

/** What a user may change about themselves; anything else (roles, isActive, ...) is refused. */
export const UpdateMeBody = z
  .strictObject({
    name: DisplayName.optional(),
    email: Email.optional(),
    currentPassword: z.string().min(1).max(1024).optional(),
  })
  .refine((b) => b.email === undefined || b.currentPassword !== undefined, {
    message: 'changing the email needs currentPassword',
    path: ['currentPassword'],
  });

/** What an admin may change on another user here (roles have their own endpoints). */
export const AdminUpdateUserBody = z.strictObject({ isActive: z.boolean() });

export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;
