import type { Request } from 'express';
import type { Config } from '../config.ts';
import { normalizeEmail } from '../contract/accounts.ts';
import type { Redis } from '../db/redis.ts';
import { createRateLimiter, limitRequests } from '../http/rate-limit.ts';
import { currentIdentity } from './guards.ts';

const FIFTEEN_MINUTES = 15 * 60;

export type CredentialLimits = ReturnType<typeof createCredentialLimits>;

/**
 * Every limit on guessing credentials, made once per app so that each counter has one budget
 * wherever the guess arrives (login, password change, an email change on the profile).
 */
export function createCredentialLimits(config: Config, redis: Redis | undefined) {
  const store = { redis, prefix: config.redisPrefix };
  const rules = config.auth.rateLimits;
  const limiter = (name: string, points: number, durationSeconds: number) =>
    createRateLimiter({ name, points, durationSeconds }, store);
  const byIp = (req: Request) => req.ip ?? 'unknown';
  const byAccount = (req: Request) => {
    const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? `${byIp(req)}:${normalizeEmail(email).slice(0, 254)}` : undefined;
  };
  const byAddress = (req: Request) => {
    const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? normalizeEmail(email).slice(0, 254) : undefined;
  };
  const passwordChecks = limiter('password', rules.password, FIFTEEN_MINUTES);
  return {
    register: limitRequests(limiter('register', rules.register, 3600), byIp),
    loginIp: limitRequests(limiter('login-ip', rules.loginIp, FIFTEEN_MINUTES), byIp),
    loginAccount: limitRequests(limiter('login-account', rules.login, FIFTEEN_MINUTES), byAccount),
    refresh: limitRequests(limiter('refresh', rules.refresh, 60), byIp),
    password: limitRequests(passwordChecks, (req) => currentIdentity(req).userId),
    /** Forgot password and resend verification, per IP (before the body is read). */
    recoveryIp: limitRequests(limiter('recovery-ip', rules.recoveryIp, 3600), byIp),
    /** The same, per address whoever asks, so one inbox cannot be flooded from many IPs. */
    recoveryAddress: limitRequests(limiter('recovery-address', rules.recovery, 3600), byAddress),
    /** After body parsing: counts only requests that present a current password. */
    passwordInBody: limitRequests(passwordChecks, (req) =>
      (req.body as { currentPassword?: unknown } | undefined)?.currentPassword === undefined
        ? undefined
        : currentIdentity(req).userId,
    ),
  };
}
