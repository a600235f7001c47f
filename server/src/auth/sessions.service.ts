import { recordAudit } from '../audit/audit.ts';
import type { SessionView } from '../contract/accounts.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor, RequestContext } from '../core/request-context.ts';
import { endAllAccess, endSessionAccess } from '../identity/end-sessions.ts';
import {
  judgePresentedToken,
  listLiveFamilies,
  revokeFamily,
  rotateRefreshToken,
  type RotationResult,
} from '../identity/refresh-families.ts';
import { findUserWithRoles } from '../user-model/user-model.ts';
import { buildSessionResponse, type AuthDeps, type StartedSession } from './session-response.ts';

/**
 * Exchanges the refresh cookie for a new access token and a rotated refresh token. Reuse of a
 * rotated token revokes the whole family, its access tokens included, and is audited.
 */
export async function refreshSession(
  deps: AuthDeps,
  presented: string,
  ctx: RequestContext,
): Promise<Outcome<StartedSession>> {
  const { result, now } = await rotateOnce(deps, presented, ctx);
  if (!result.ok) {
    if (result.reason === 'reused') {
      await deps.revocations.revokeSession(result.familyId);
      await recordAudit(deps.db, ctx, {
        type: 'refresh.reused',
        userId: result.userId,
        data: { familyId: result.familyId },
      });
    }
    return refuse('invalid_refresh_token', refreshFailureDetail(result.reason));
  }
  const user = await findUserWithRoles(deps.db, result.userId);
  if (!user?.isActive) {
    await revokeFamily(deps.db, result.familyId, 'user_deactivated', now);
    return refuse('invalid_refresh_token', 'This account has been deactivated');
  }
  return succeed({ body: buildSessionResponse(deps, user, result.familyId, now), refresh: result });
}

type Rotation = { result: RotationResult; now: Date };

// Refreshes of one token in flight on this instance, per database: they share one rotation.
const rotationsInFlight = new WeakMap<object, Map<string, Promise<Rotation>>>();

/**
 * Rotates the presented token, once for all the requests presenting it at the same moment on
 * this instance (many tabs or retries at once): they all get the same outcome and the same new
 * token. Without this, each waits for the family's row lock while holding a pooled connection,
 * and 200 at once exhaust the pool (503) although every one of them is a valid grace retry.
 * `now`, also the access tokens' iat, is the one taken before the locked rotation.
 */
function rotateOnce(deps: AuthDeps, presented: string, ctx: RequestContext): Promise<Rotation> {
  let inFlight = rotationsInFlight.get(deps.db);
  if (!inFlight) rotationsInFlight.set(deps.db, (inFlight = new Map()));
  const running = inFlight.get(presented);
  if (running) return running;
  const now = deps.clock.now();
  const rotation = rotateRefreshToken(deps.db, presented, ctx, deps.config.auth, now)
    .then((result) => ({ result, now }))
    .finally(() => inFlight.delete(presented));
  inFlight.set(presented, rotation);
  return rotation;
}

function refreshFailureDetail(reason: Extract<RotationResult, { ok: false }>['reason']): string {
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
export async function logOut(
  deps: AuthDeps,
  presented: string | undefined,
  ctx: RequestContext,
): Promise<Outcome<null>> {
  if (!presented) return succeed(null);
  const judged = await judgePresentedToken(deps.db, presented, deps.config.auth, deps.clock.now());
  if (judged.state === 'none') return succeed(null);
  const { familyId, userId } = judged;
  if (judged.state === 'stale') {
    await recordAudit(deps.db, ctx, { type: 'logout.refused', userId, data: { familyId } });
    return refuse(
      'invalid_refresh_token',
      'This refresh token is no longer the session’s current one (rotated or expired); no session was ended. Sign out everywhere to be sure.',
    );
  }
  await endSessionAccess(deps, familyId, 'logout');
  await recordAudit(deps.db, ctx, { type: 'logout', userId, data: { familyId } });
  return succeed(null);
}

/** Ends every session of the user, and every access token they hold, this one included. */
export async function logOutEverywhere(deps: AuthDeps, by: Actor): Promise<void> {
  const ids = await endAllAccess(deps, by.userId, 'logout_all');
  await recordAudit(deps.db, by.request, {
    type: 'logout.all',
    userId: by.userId,
    data: { sessionsRevoked: ids.length },
  });
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

/** Ends one of the caller's own sessions; another user's session is as absent as a missing one. */
export async function endSession(deps: AuthDeps, by: Actor, sessionId: string): Promise<Outcome<null>> {
  const { userId } = by;
  const family = await deps.db.refreshFamily.findFirst({ where: { id: sessionId, userId, revokedAt: null } });
  if (!family) return refuse('not_found', 'No such session');
  await endSessionAccess(deps, family.id, 'session_revoked');
  await recordAudit(deps.db, by.request, { type: 'session.revoked', userId, data: { familyId: family.id } });
  return succeed(null);
}
