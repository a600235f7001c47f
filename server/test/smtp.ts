import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  /** SMTP_URL for the app. */
  url: string;
  messages: CapturedMail[];
  /** The messages to one address, oldest first. */
  to(address: string): CapturedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback, in the test process, that keeps every message it accepts, parsed. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail: ParsedMail) => {
          messages.push({
            to: addressesOf(mail),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to === address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressesOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? '')).join(',');
}

/** The token in a message's link (`...#token=...`), from its text body. */
export function tokenOf(mail: CapturedMail | undefined, page: string): string {
  const match = mail?.text.match(new RegExp(`${page}#token=([\\w-]+)`));
  if (!match?.[1]) throw new Error(`no ${page} link in ${JSON.stringify(mail?.text)}`);
  return match[1];
}
