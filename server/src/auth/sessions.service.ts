import { recordAudit } from '../audit/audit.ts';
import { HttpError } from '../http/http-error.ts';
import type { RequestContext } from '../http/request-context.ts';
import { withRoleNames } from '../users/users.serializer.ts';
import { buildSessionResponse, type AuthDeps, type StartedSession } from './auth.service.ts';
import {
  judgePresentedToken,
  listLiveFamilies,
  revokeFamily,
  revokeUserFamilies,
  rotateRefreshToken,
  type RevokeReason,
} from './refresh-families.ts';

type RevocationDeps = Pick<AuthDeps, 'db' | 'revocations' | 'clock'>;

/** Ends one session at once: its refresh family and the access tokens issued for it. */
async function revokeSessionAccess(deps: RevocationDeps, familyId: string, reason: RevokeReason): Promise<void> {
  await revokeFamily(deps.db, familyId, reason, deps.clock.now());
  await deps.revocations.revokeSession(familyId);
}

/** Logs the user out everywhere at once: every refresh family and every live access token. */
export async function revokeAllAccess(deps: RevocationDeps, userId: string, reason: RevokeReason): Promise<string[]> {
  const ids = await revokeUserFamilies(deps.db, userId, reason, deps.clock.now());
  await deps.revocations.revokeUser(userId);
  return ids;
}

/**
 * Exchanges the refresh cookie for a new access token and a rotated refresh token. Reuse of a
 * rotated token revokes the whole family, its access tokens included, and is audited.
 */
export async function refreshSession(deps: AuthDeps, presented: string, ctx: RequestContext): Promise<StartedSession> {
  // Also the new access token's iat: taken before the locked rotation, never after it.
  const now = deps.clock.now();
  const result = await rotateRefreshToken(deps.db, presented, ctx, deps.config.auth, now);
  if (!result.ok) {
    if (result.reason === 'reused') {
      await deps.revocations.revokeSession(result.familyId);
      await recordAudit(deps.db, ctx, {
        type: 'refresh.reused',
        userId: result.userId,
        data: { familyId: result.familyId },
      });
    }
    throw new HttpError('invalid_refresh_token', refreshFailureDetail(result.reason));
  }
  const user = await deps.db.user.findUnique({ where: { id: result.userId }, include: withRoleNames });
  if (!user?.isActive) {
    await revokeFamily(deps.db, result.familyId, 'user_deactivated', now);
    throw new HttpError('invalid_refresh_token', 'This account has been deactivated');
  }
  return { body: buildSessionResponse(deps, user, result.familyId, now), refresh: result };
}

function refreshFailureDetail(reason: 'unknown' | 'expired' | 'revoked' | 'reused'): string {
  switch (reason) {
    case 'expired':
      return 'The session has expired; log in again';
    case 'reused':
      return 'This refresh token was already used; the session has been ended for safety';
    default:
      return 'The session is not valid; log in again';
  }
}

/**
 * Ends the session the refresh cookie speaks for. No cookie, or an unknown or ended session, is
 * fine (idempotent). A token rotated past the grace window or expired ends nothing: it is not
 * the session's current credential (a copy left behind, or stolen), and the caller is told so.
 */
export async function logOut(deps: AuthDeps, presented: string | undefined, ctx: RequestContext): Promise<void> {
  if (!presented) return;
  const judged = await judgePresentedToken(deps.db, presented, deps.config.auth, deps.clock.now());
  if (judged.state === 'none') return;
  if (judged.state === 'stale') {
    await recordAudit(deps.db, ctx, {
      type: 'logout.refused',
      userId: judged.userId,
      data: { familyId: judged.familyId },
    });
    throw new HttpError(
      'invalid_refresh_token',
      'This refresh token is no longer the session’s current one (rotated or expired); no session was ended. Sign out everywhere to be sure.',
    );
  }
  await revokeSessionAccess(deps, judged.familyId, 'logout');
  await recordAudit(deps.db, ctx, { type: 'logout', userId: judged.userId, data: { familyId: judged.familyId } });
}

/** Ends every session of the user, and every access token they hold, this one included. */
export async function logOutEverywhere(deps: AuthDeps, userId: string, ctx: RequestContext): Promise<void> {
  const ids = await revokeAllAccess(deps, userId, 'logout_all');
  await recordAudit(deps.db, ctx, { type: 'logout.all', userId, data: { sessionsRevoked: ids.length } });
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

export async function listSessions(deps: AuthDeps, userId: string, currentSessionId?: string): Promise<SessionView[]> {
  const families = await listLiveFamilies(deps.db, userId, deps.config.auth, deps.clock.now());
  return families.map((f) => ({
    id: f.id,
    userAgent: f.userAgent,
    ip: f.ip,
    createdAt: f.createdAt.toISOString(),
    lastUsedAt: f.lastUsedAt.toISOString(),
    current: f.id === currentSessionId,
  }));
}

/** Ends one of the caller's own sessions; another user's session id answers 404. */
export async function endSession(
  deps: AuthDeps,
  userId: string,
  sessionId: string,
  ctx: RequestContext,
): Promise<void> {
  const family = await deps.db.refreshFamily.findFirst({ where: { id: sessionId, userId, revokedAt: null } });
  if (!family) throw new HttpError('not_found', 'No such session');
  await revokeSessionAccess(deps, family.id, 'session_revoked');
  await recordAudit(deps.db, ctx, { type: 'session.revoked', userId, data: { familyId: family.id } });
}
