import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { UpdateMeBody } from '../contract/accounts.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import type { Actor } from '../core/request-context.ts';
import type { Db } from '../db/client.ts';
import { toPage } from '../db/keyset.ts';
import { queueEmailChangedNotice, queueEmailVerification } from '../identity/account-mail.ts';
import { deleteAccountTokens } from '../identity/account-tokens.ts';
import { endAllAccess } from '../identity/end-sessions.ts';
import { verifyPassword } from '../identity/passwords.ts';
import { hasAnotherActiveAdmin, isActiveAdmin, withAdminLock } from '../user-model/last-admin.ts';
import {
  findUserWithRoles,
  isDuplicateEmail,
  selectUsersWithRoles,
  toPublicUser,
  withRoleNames,
  type UserWithRoles,
} from '../user-model/user-model.ts';
import type { ListUsersQuery } from './users.schemas.ts';

export type UsersDeps = Pick<AppContext, 'db' | 'revocations' | 'clock' | 'config' | 'mailer'>;

const NO_SUCH_USER = refuse('not_found', 'No such user');
const LAST_ADMIN = refuse('last_admin', 'This is the last active admin: promote another admin first');

// One statement on the pool: an absent filter is NULL and drops out of the plan (each statement
// is planned with its values), so a prefix still uses users_email_prefix_idx and a page after a
// cursor seeks with afterCursor's bound (docs/queries.md).
const USERS_PAGE = `
  WHERE ($1::text IS NULL OR u.email LIKE $1)
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_name = $2))
    AND ($3::boolean IS NULL OR u.is_active = $3)
    AND ($4::timestamptz IS NULL OR (u.created_at <= $4 AND (u.created_at < $4 OR u.id < $5::uuid)))
  ORDER BY u.created_at DESC, u.id DESC LIMIT $6`;

/** Newest first, filtered by email prefix, role and active flag. */
export async function listUsers(db: Db, query: ListUsersQuery) {
  const rows = await selectUsersWithRoles(db, USERS_PAGE, [
    query.email === undefined ? null : `${escapeLikePattern(query.email)}%`,
    query.role ?? null,
    query.active ?? null,
    query.cursor?.at ?? null,
    query.cursor?.id ?? null,
    query.limit + 1,
  ]);
  const page = toPage(rows, query.limit, (u) => u.createdAt);
  return { items: page.items.map(toPublicUser), nextCursor: page.nextCursor };
}

/** `_` and `%` in a prefix must match themselves in LIKE (backslash is PostgreSQL's escape). */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findUser(db: Db, id: string): Promise<Outcome<UserWithRoles>> {
  const user = await findUserWithRoles(db, id);
  return user ? succeed(user) : NO_SUCH_USER;
}

/** An admin (de)activates a user; a deactivation ends all their sessions at once. */
export async function setUserActive(
  deps: UsersDeps,
  by: Actor,
  userId: string,
  isActive: boolean,
): Promise<Outcome<UserWithRoles>> {
  const outcome = await withAdminLock(deps.db, async (tx): Promise<Outcome<UserWithRoles>> => {
    const target = await tx.user.findUnique({ where: { id: userId }, include: withRoleNames });
    if (!target) return NO_SUCH_USER;
    if (!isActive && isActiveAdmin(target) && !(await hasAnotherActiveAdmin(tx, userId))) return LAST_ADMIN;
    const user = await tx.user.update({ where: { id: userId }, data: { isActive }, include: withRoleNames });
    if (target.isActive !== isActive) {
      const type = isActive ? 'user.activated' : 'user.deactivated';
      await recordAudit(tx, by.request, { type, userId, actorId: by.userId });
    }
    return succeed(user);
  });
  if (outcome.ok && !isActive) await endAllAccess(deps, userId, 'user_deactivated');
  return outcome;
}

/** Deletes the user; their drawings and sessions go with them (cascade), audit rows stay. */
export async function deleteUser(deps: UsersDeps, by: Actor, userId: string): Promise<Outcome<null>> {
  const outcome = await withAdminLock(deps.db, async (tx): Promise<Outcome<string[]>> => {
    const target = await tx.user.findUnique({ where: { id: userId }, include: withRoleNames });
    if (!target) return NO_SUCH_USER;
    if (isActiveAdmin(target) && !(await hasAnotherActiveAdmin(tx, userId))) return LAST_ADMIN;
    const families = await tx.refreshFamily.findMany({ where: { userId }, select: { id: true } });
    const data = { userId, email: target.email };
    await recordAudit(tx, by.request, { type: 'user.deleted', actorId: by.userId, data });
    await tx.user.delete({ where: { id: userId } });
    return succeed(families.map((f) => f.id));
  });
  if (!outcome.ok) return outcome;
  await Promise.all(outcome.value.map((id) => deps.revocations.revokeSession(id)));
  await deps.revocations.revokeUser(userId);
  return succeed(null);
}

/** A user's own changes: display name, and email only with the current password. */
export async function updateMe(deps: UsersDeps, by: Actor, body: UpdateMeBody): Promise<Outcome<UserWithRoles>> {
  const { userId } = by;
  const user = await findUserWithRoles(deps.db, userId);
  if (!user) return NO_SUCH_USER;
  if (body.currentPassword !== undefined && !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    return refuse('invalid_credentials', 'The current password is wrong');
  }
  const emailChanges = body.email !== undefined && body.email !== user.email;
  const data = {
    ...(body.name === undefined ? {} : { name: body.name }),
    // A new address is unverified until verified again.
    ...(emailChanges ? { email: body.email, emailVerified: false } : {}),
  };
  try {
    const updated = await deps.db.user.update({ where: { id: userId }, data, include: withRoleNames });
    await recordAudit(deps.db, by.request, {
      type: 'user.updated',
      userId,
      actorId: userId,
      data: { fields: Object.keys(data) },
    });
    if (emailChanges) {
      // Links sent to the old address die; the new one gets a verification, the old one a notice.
      await deleteAccountTokens(deps.db, userId);
      queueEmailVerification(deps, updated);
      queueEmailChangedNotice(deps, updated, user.email);
    }
    return succeed(updated);
  } catch (error) {
    if (isDuplicateEmail(error)) return refuse('email_taken', 'An account with this email already exists');
    throw error;
  }
}
