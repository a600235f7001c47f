import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/** One message, with both bodies: mail clients show the HTML, the rest the text. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries, logged in development so the flow works without mail. */
  link?: string | undefined;
}

export interface Mailer {
  /** How messages leave: SMTP, .eml files in an outbox folder, or nowhere (logged and dropped). */
  readonly transport: 'smtp' | 'outbox' | 'none';
  /** Sends one message now; rejects when the transport fails. */
  send(message: MailMessage): Promise<void>;
  /**
   * Runs `job` after the current request has been answered, one job at a time and in order, so
   * neither the answer nor its timing depends on what the job finds or on the mail server. A
   * failure is logged, never thrown.
   */
  later(name: string, job: () => Promise<void>): void;
  /** Resolves once every job queued so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type MailConfig = Pick<Config, 'mail' | 'isProduction'>;

/**
 * The mailer on nodemailer: SMTP when SMTP_URL is set; otherwise each message is written as an
 * .eml file to the outbox folder (development default: DATA_DIR/outbox) and its link is logged;
 * with neither, messages are dropped with a warning. Links are never logged in production.
 */
export function createMailer(config: MailConfig, logger: Logger): Mailer {
  const { mail } = config;
  const transport = mail.smtpUrl ? 'smtp' : mail.outboxDir ? 'outbox' : 'none';
  const transporter = mail.smtpUrl
    ? nodemailer.createTransport(mail.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let tail: Promise<void> = Promise.resolve();

  const send = async (message: MailMessage) => {
    const { to, subject, text, html } = message;
    const info = await transporter.sendMail({ from: mail.from, to, subject, text, html });
    if (transport === 'smtp') return void logger.info(`mail "${subject}" sent to ${to}`);
    const hint = config.isProduction || !message.link ? '' : `: ${message.link}`;
    if (transport === 'none') {
      const level = config.isProduction ? 'warn' : 'debug';
      return void logger.log(level, `mail "${subject}" to ${to} dropped (no SMTP_URL or MAIL_OUTBOX_DIR)${hint}`);
    }
    const dir = mail.outboxDir as string;
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID()}.eml`);
    await writeFile(file, (info as { message: Buffer }).message, { mode: 0o600 });
    logger.info(`mail "${subject}" to ${to} written to ${file}${hint}`);
  };

  const later = (name: string, job: () => Promise<void>) => {
    const run = () =>
      new Promise<void>((resolve) => setImmediate(resolve)).then(job).catch((error: unknown) => {
        logger.error(`mail job ${name} failed`, { error });
      });
    tail = tail.then(run);
  };

  return {
    transport,
    send,
    later,
    idle: async () => {
      // Jobs may queue further jobs: wait until the tail stops moving.
      let seen: Promise<void>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
    close: async () => {
      await tail;
      transporter.close();
    },
  };
}
