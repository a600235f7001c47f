import { z } from 'zod';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../http/storable-text.ts';
import { countCharacters, isCommonPassword, PASSWORD_LIMITS } from './password-policy.ts';

/** Trimmed and lower-cased before validation: the one normalization for storage and lookup. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }).max(254));

export const NewPassword = z
  .string()
  .refine((p) => countCharacters(p) >= PASSWORD_LIMITS.minLength, {
    message: `must be at least ${PASSWORD_LIMITS.minLength} characters`,
  })
  .refine((p) => countCharacters(p) <= PASSWORD_LIMITS.maxLength, {
    message: `must be at most ${PASSWORD_LIMITS.maxLength} characters`,
  })
  .refine((p) => !isCommonPassword(p), { message: 'is too common: choose a less guessable password' });

// A login never tells which rule an existing password breaks; it is only bounded.
const PresentedPassword = z.string().min(1).max(1024);

export const DisplayName = z.string().trim().max(100).refine(isStorableText, STORABLE_TEXT_MESSAGE);

export const RegisterBody = z.strictObject({
  email: Email,
  password: NewPassword,
  name: DisplayName.optional(),
});

export const LoginBody = z.strictObject({
  email: z
    .string()
    .max(254)
    .transform((e) => e.trim().toLowerCase()),
  password: PresentedPassword,
});

export const PasswordChangeBody = z.strictObject({
  currentPassword: PresentedPassword,
  newPassword: NewPassword,
});

export const SessionParams = z.object({ id: z.uuid() });

export type RegisterBody = z.infer<typeof RegisterBody>;
export type LoginBody = z.infer<typeof LoginBody>;
