import { z } from 'zod';
import { RoleName } from '../contract/accounts.ts';

export { CreateRoleBody } from '../contract/accounts.ts';

export const RoleParams = z.object({ name: RoleName });
