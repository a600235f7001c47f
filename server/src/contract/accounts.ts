/** Users, sessions and roles as the API takes and returns them. */
import { z } from 'zod';
import { Timestamp } from './timestamps.ts';
import { countCharacters, PASSWORD_LIMITS } from './passwords.ts';
import { isStorableText, STORABLE_TEXT_MESSAGE } from './text.ts';

/** The one email normalization, for storage and every lookup. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Normalized before it is validated. */
export const Email = z
  .string()
  .transform(normalizeEmail)
  .pipe(z.email({ message: 'must be a valid email address' }).max(254));

/** Length only: the server adds its own rules (common passwords, the user's email). */
export const NewPassword = z
  .string()
  .refine((p) => countCharacters(p) >= PASSWORD_LIMITS.minLength, {
    message: `must be at least ${PASSWORD_LIMITS.minLength} characters`,
  })
  .refine((p) => countCharacters(p) <= PASSWORD_LIMITS.maxLength, {
    message: `must be at most ${PASSWORD_LIMITS.maxLength} characters`,
  });

/** A password presented to be checked: login never tells which rule an old password breaks. */
export const PresentedPassword = z.string().min(1).max(1024);

export const DisplayName = z.string().trim().max(100).refine(isStorableText, STORABLE_TEXT_MESSAGE);

/** Role names appear in tokens and URLs: lower-case, short, no surprises. */
export const RoleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be 2-32 characters: a-z, 0-9, "_" or "-", starting with a letter');

export const RegisterBody = z.strictObject({ email: Email, password: NewPassword, name: DisplayName.optional() });
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.strictObject({
  email: z.string().max(254).transform(normalizeEmail),
  password: PresentedPassword,
});
export type LoginBody = z.infer<typeof LoginBody>;

export const PasswordChangeBody = z.strictObject({ currentPassword: PresentedPassword, newPassword: NewPassword });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

/** What a user may change about themselves; anything else (roles, isActive, ...) is refused. */
export const UpdateMeBody = z
  .strictObject({
    name: DisplayName.optional(),
    email: Email.optional(),
    currentPassword: PresentedPassword.optional(),
  })
  .refine((b) => b.email === undefined || b.currentPassword !== undefined, {
    message: 'changing the email needs currentPassword',
    path: ['currentPassword'],
  });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** What an admin may change on another user here (roles have their own endpoints). */
export const AdminUpdateUserBody = z.strictObject({ isActive: z.boolean() });

export const CreateRoleBody = z.strictObject({
  name: RoleName,
  description: z.string().trim().max(200).optional(),
});
export type CreateRoleBody = z.infer<typeof CreateRoleBody>;

export const UserResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  isActive: z.boolean(),
  emailVerified: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type PublicUser = z.infer<typeof UserResponse>;

/** What login, register and refresh answer; the refresh token itself only ever travels as a cookie. */
export const SessionResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds the access token lives (ACCESS_TOKEN_TTL). */
  expiresIn: z.number().int(),
  user: UserResponse,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** What register answers when a verified email is required to sign in: no session yet. */
export const RegistrationPending = z.object({
  user: UserResponse,
  emailVerificationRequired: z.literal(true),
});
export type RegistrationPending = z.infer<typeof RegistrationPending>;

/**
 * A way the user signs in (a passkey, a linked identity) or is signed in (a session), as their
 * security settings list it: its own fields between the id and when it was added and last used
 * (null: not used yet).
 */
export function signInMethodView<Fields extends z.ZodRawShape>(fields: Fields) {
  return z.object({ id: z.uuid(), ...fields, createdAt: Timestamp, lastUsedAt: Timestamp.nullable() });
}

/** One session (refresh family): a signed-in browser or device, in use from its start. */
export const SessionView = signInMethodView({ userAgent: z.string().nullable(), ip: z.string().nullable() }).extend({
  lastUsedAt: Timestamp,
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const RoleView = z.object({
  name: RoleName,
  description: z.string(),
  builtIn: z.boolean(),
  createdAt: Timestamp,
});
export type RoleView = z.infer<typeof RoleView>;
