import { z } from 'zod';

/** Role names appear in tokens and URLs: lower-case, short, no surprises. */
export const RoleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be 2-32 characters: a-z, 0-9, "_" or "-", starting with a letter');

export const CreateRoleBody = z.strictObject({
  name: RoleName,
  description: z.string().trim().max(200).optional(),
});

export const RoleParams = z.object({ name: RoleName });
export const UserRoleParams = z.object({ id: z.uuid(), name: RoleName });
