import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import { MfaStatus } from '../contract/mfa.ts';
import { HttpError } from '../http/http-error.ts';
import { guarded, route, type Route } from '../http/routes.ts';
import { actingUser, requireAdmin } from '../identity/guards.ts';
import { requireRecentSecondFactor, resetSecondFactors, secondFactorStatus } from '../identity/second-factor.ts';
import { UserParams } from './users.schemas.ts';

/**
 * /api/users/:id/mfa: whether a user has a second factor (never the factor itself), and the
 * admin's reset for a user who lost theirs (audited; the admin needs a recent second factor of
 * their own when they have one). Their sessions stay: the reset removes factors, not sign-ins.
 */
export function userFactorRoutes(ctx: AppContext): Route[] {
  const exists = async (id: string) => {
    if (!(await ctx.db.user.count({ where: { id } }))) throw new HttpError('not_found', 'No such user');
  };
  return guarded(requireAdmin(ctx.db), [
    route.get('/:id/mfa', {
      summary: 'Whether a user has second factors, and which (admin)',
      params: UserParams,
      responses: { 200: MfaStatus },
      handle: async (_req, _res, { params }) => {
        await exists(params.id);
        return secondFactorStatus(ctx.db, params.id);
      },
    }),
    route.delete('/:id/mfa', {
      summary: 'Reset a user’s second factors: TOTP, passkeys and recovery codes (admin, audited)',
      use: [requireRecentSecondFactor(ctx)],
      params: UserParams,
      responses: { 200: MfaStatus },
      handle: async (req, _res, { params }) => {
        await exists(params.id);
        const by = actingUser(req);
        return ctx.db.$transaction(async (tx) => {
          const before = await resetSecondFactors(tx, params.id);
          await recordAudit(tx, by.request, {
            type: 'mfa.reset',
            userId: params.id,
            actorId: by.userId,
            data: { totp: before.totp, passkeys: before.passkeys, recoveryCodesLeft: before.recoveryCodesLeft },
          });
          return secondFactorStatus(tx, params.id);
        });
      },
    }),
  ]);
}
