import { z } from 'zod';
import { normalizeEmail, RoleName } from '../contract/accounts.ts';
import { PageQuery } from '../http/pagination.ts';

export { AdminUpdateUserBody, UpdateMeBody } from '../contract/accounts.ts';

export const UserParams = z.object({ id: z.uuid() });

export const UserRoleParams = z.object({ id: z.uuid(), name: RoleName });

export const ListUsersQuery = PageQuery.extend({
  /** A prefix of the (normalized) email. */
  email: z.string().transform(normalizeEmail).pipe(z.string().min(1).max(254)).optional(),
  role: RoleName.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).strict();

export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
