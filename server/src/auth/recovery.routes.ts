import type { AppContext } from '../app-context.ts';
import { EmailRequestAccepted, EmailRequestBody, EmailVerified, VerifyEmailBody } from '../contract/recovery.ts';
import type { RequestHandler } from 'express';
import { unwrap } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import { route, type Route } from '../http/routes.ts';
import { ResetPasswordBody } from './auth.schemas.ts';
import { requestPasswordReset, requestVerificationMail, resetPassword, verifyEmail } from './recovery.service.ts';

/**
 * Email verification and password reset, under /api/auth. Asking for a mail is limited per IP and
 * per address; using a link is limited per IP like any other credential guess.
 */
export function recoveryRoutes(ctx: AppContext, json: RequestHandler[]): Route[] {
  const { limits } = ctx;
  // The same 202 whatever the address, so the answer tells nobody which addresses have an account.
  const mailRequest = {
    use: [limits.recoveryIp, ...json, limits.recoveryAddress],
    body: EmailRequestBody,
    responses: { 202: EmailRequestAccepted },
  };
  // A link may be unknown, used up or expired.
  const linkUse: Pick<Route, 'use' | 'errors'> = {
    use: [limits.loginIp, ...json],
    errors: ['link_invalid', 'link_expired'],
  };
  return [
    route.post('/password/forgot', {
      summary: 'Email a password-reset link; the same 202 whether or not the address has an account',
      ...mailRequest,
      handle: (req, _res, { body }) => requestPasswordReset(ctx, body.email, requestContext(req)),
    }),
    route.post('/password/reset', {
      summary: 'Set a new password with the token of a reset link; ends every session',
      ...linkUse,
      body: ResetPasswordBody,
      responses: { 204: null },
      handle: async (req, _res, { body }) => unwrap(await resetPassword(ctx, body, requestContext(req))),
    }),
    route.post('/email/resend', {
      summary: 'Email a new verification link to an unverified account; the same 202 for any address',
      ...mailRequest,
      handle: (_req, _res, { body }) => requestVerificationMail(ctx, body.email),
    }),
    route.post('/email/verify', {
      summary: 'Confirm an email address with the token of a verification link',
      ...linkUse,
      body: VerifyEmailBody,
      responses: { 200: EmailVerified },
      handle: async (req, _res, { body }) => unwrap(await verifyEmail(ctx, body.token, requestContext(req))),
    }),
  ];
}
