/** Email verification and password reset: what the four endpoints take and return. */
import { z } from 'zod';
import { Email, NewPassword } from './accounts.ts';

/** The token from an emailed link: base64url, 43 characters for 256 bits. */
export const LinkToken = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[\w-]+$/, 'must be the token from the emailed link');

/** Forgot password and resend verification: an address, answered alike whether or not it has an account. */
export const EmailRequestBody = z.strictObject({ email: Email });
export type EmailRequestBody = z.infer<typeof EmailRequestBody>;

export const VerifyEmailBody = z.strictObject({ token: LinkToken });
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>;

export const ResetPasswordBody = z.strictObject({ token: LinkToken, newPassword: NewPassword });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

/** 202: the same body for every address, so the answer tells nothing about who has an account. */
export const EmailRequestAccepted = z.object({ message: z.string() });
export type EmailRequestAccepted = z.infer<typeof EmailRequestAccepted>;

export const EmailVerified = z.object({ email: z.string(), emailVerified: z.literal(true) });
export type EmailVerified = z.infer<typeof EmailVerified>;

/** The SPA's pages the emailed links open; the token travels in the URL fragment. */
export const RECOVERY_PAGES = { verifyEmail: '/verify-email', resetPassword: '/reset-password' } as const;
