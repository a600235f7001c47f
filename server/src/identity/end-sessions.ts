import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { revokeFamily, revokeUserFamilies, type RevokeReason } from './refresh-families.ts';
import type { RevocationStore } from './revocation.ts';

export interface SessionEnding {
  db: Db;
  revocations: RevocationStore;
  clock: Clock;
}

/** Ends one session at once: its refresh family and the access tokens issued for it. */
export async function endSessionAccess(deps: SessionEnding, familyId: string, reason: RevokeReason): Promise<void> {
  await revokeFamily(deps.db, familyId, reason, deps.clock.now());
  await deps.revocations.revokeSession(familyId);
}

/**
 * Logs the user out everywhere at once: every refresh family, every access token of those
 * sessions whenever signed, and every token of the user signed up to now.
 */
export async function endAllAccess(deps: SessionEnding, userId: string, reason: RevokeReason): Promise<string[]> {
  const ids = await revokeUserFamilies(deps.db, userId, reason, deps.clock.now());
  await Promise.all(ids.map((id) => deps.revocations.revokeSession(id)));
  await deps.revocations.revokeUser(userId);
  return ids;
}
