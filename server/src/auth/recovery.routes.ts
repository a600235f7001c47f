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
  const askForMail = [limits.recoveryIp, ...json, limits.recoveryAddress];
  const useLink = [limits.loginIp, ...json];
  return [
    route({
      method: 'post',
      path: '/password/forgot',
      summary: 'Email a password-reset link; the same 202 whether or not the address has an account',
      use: askForMail,
      body: EmailRequestBody,
      status: 202,
      responses: { 202: EmailRequestAccepted },
      handle: (req, _res, { body }) => requestPasswordReset(ctx, body.email, requestContext(req)),
    }),
    route({
      method: 'post',
      path: '/password/reset',
      summary: 'Set a new password with the token of a reset link; ends every session',
      use: useLink,
      body: ResetPasswordBody,
      responses: { 204: null },
      errors: ['link_invalid', 'link_expired'],
      handle: async (req, _res, { body }) => unwrap(await resetPassword(ctx, body, requestContext(req))),
    }),
    route({
      method: 'post',
      path: '/email/resend',
      summary: 'Email a new verification link to an unverified account; the same 202 for any address',
      use: askForMail,
      body: EmailRequestBody,
      status: 202,
      responses: { 202: EmailRequestAccepted },
      handle: (_req, _res, { body }) => requestVerificationMail(ctx, body.email),
    }),
    route({
      method: 'post',
      path: '/email/verify',
      summary: 'Confirm an email address with the token of a verification link',
      use: useLink,
      body: VerifyEmailBody,
      responses: { 200: EmailVerified },
      errors: ['link_invalid', 'link_expired'],
      handle: async (req, _res, { body }) => unwrap(await verifyEmail(ctx, body.token, requestContext(req))),
    }),
  ];
}
