import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { RECOVERY_PAGES } from '../contract/recovery.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { emailChangedMail, verifyEmailMail } from '../mail/templates.ts';
import { createAccountToken, storeAccountToken } from './account-tokens.ts';

export interface AccountMailDeps {
  db: Db;
  config: Config;
  clock: Clock;
  mailer: Mailer;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
}

/**
 * The link to one of the SPA's pages, with the token in the fragment: browsers never send a
 * fragment to a server, so the token stays out of access logs, proxies and Referer headers.
 */
export function buildLink(config: Config, page: string, token: string): string {
  return `${config.http.appOrigin}${page}#token=${token}`;
}

/**
 * Issues a verification link for the user's current address (killing any older one) and mails
 * it, after the response. Register, resend and an email change all come through here.
 */
export function queueEmailVerification(deps: AccountMailDeps, user: Recipient): void {
  const now = deps.clock.now();
  const { token, tokenHash } = createAccountToken();
  const ttlSeconds = deps.config.mail.verificationTtl;
  deps.mailer.later('email-verification', async () => {
    await storeAccountToken(deps.db, {
      userId: user.id,
      purpose: 'verify_email',
      email: user.email,
      tokenHash,
      now,
      ttlSeconds,
    });
    const link = buildLink(deps.config, RECOVERY_PAGES.verifyEmail, token);
    await deps.mailer.send({
      to: user.email,
      ...verifyEmailMail({ name: user.name, email: user.email, link, ttlSeconds }),
    });
  });
}

/** Tells the old address that the account's email changed (and to where). */
export function queueEmailChangedNotice(deps: AccountMailDeps, user: Recipient, oldEmail: string): void {
  deps.mailer.later('email-changed-notice', async () => {
    await deps.mailer.send({ to: oldEmail, ...emailChangedMail({ name: user.name, newEmail: user.email }) });
  });
}
