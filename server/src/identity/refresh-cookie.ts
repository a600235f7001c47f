import type { CookieOptions, Request, Response } from 'express';
import type { Config } from '../config.ts';

type CookieConfig = Config['auth']['cookie'];

function baseOptions(cookie: CookieConfig): CookieOptions {
  return { httpOnly: true, secure: cookie.secure, sameSite: cookie.sameSite, path: cookie.path };
}

/** The refresh cookie: HttpOnly (no script reads it), Secure, SameSite, scoped to /api/auth. */
export function setRefreshCookie(res: Response, cookie: CookieConfig, token: string, expiresAt: Date, now: Date): void {
  res.cookie(cookie.name, token, { ...baseOptions(cookie), maxAge: Math.max(0, expiresAt.getTime() - now.getTime()) });
}

export function clearRefreshCookie(res: Response, cookie: CookieConfig): void {
  res.clearCookie(cookie.name, baseOptions(cookie));
}

export function readRefreshCookie(req: Request, cookie: CookieConfig): string | undefined {
  const value: unknown = req.cookies?.[cookie.name];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : undefined;
}
