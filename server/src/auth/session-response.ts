import type { AppContext } from '../app-context.ts';
import type { SessionResponse } from '../contract/accounts.ts';
import type { IssuedRefreshToken } from '../identity/refresh-families.ts';
import { issueAccessToken } from '../identity/tokens.ts';
import { toPublicUser, type UserWithRoles } from '../user-model/user-model.ts';

/** A session as a service hands it to the route: the body, and the refresh token for the cookie. */
export interface StartedSession {
  body: SessionResponse;
  refresh: IssuedRefreshToken;
}

export type AuthDeps = Pick<AppContext, 'db' | 'config' | 'keys' | 'revocations' | 'clock' | 'mailer'>;

/**
 * A fresh access token for the user in the given session. `issuedAt` is the time taken before
 * the reads that authorised it, never later (docs/security.md, "Revocation that cannot be raced").
 */
export function buildSessionResponse(
  deps: AuthDeps,
  user: UserWithRoles,
  sessionId: string,
  issuedAt: Date,
): SessionResponse {
  const publicUser = toPublicUser(user);
  const { token, expiresIn } = issueAccessToken(
    deps.keys,
    { userId: user.id, roles: publicUser.roles, sessionId },
    deps.config.auth,
    issuedAt,
  );
  return { accessToken: token, tokenType: 'Bearer', expiresIn, user: publicUser };
}
