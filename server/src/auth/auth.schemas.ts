import { z } from 'zod';
import * as contract from '../contract/accounts.ts';
import * as recovery from '../contract/recovery.ts';
import { isCommonPassword } from './password-policy.ts';

/** The contract's length rules, and the server's own: no common password. */
export const NewPassword = contract.NewPassword.refine((p) => !isCommonPassword(p), {
  message: 'is too common: choose a less guessable password',
});

export const RegisterBody = contract.RegisterBody.extend({ password: NewPassword });

export const LoginBody = contract.LoginBody;

export const PasswordChangeBody = contract.PasswordChangeBody.extend({ newPassword: NewPassword });

export const ResetPasswordBody = recovery.ResetPasswordBody.extend({ newPassword: NewPassword });

export const SessionParams = z.object({ id: z.uuid() });

export type RegisterBody = z.infer<typeof RegisterBody>;
export type LoginBody = z.infer<typeof LoginBody>;
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;
