import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import winston from 'winston';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createMailer } from './mailer.ts';
import { describeDuration, escapeHtml, resetPasswordMail } from './templates.ts';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

/** A logger that keeps its lines, to read what the mailer logged. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const sink = new winston.transports.Stream({ stream, format: winston.format.simple() });
  return { logger: winston.createLogger({ level: 'debug', transports: [sink] }), lines };
}

const link = 'http://localhost:5173/reset-password#token=abcDEF123_-';
const message = { to: 'ann@example.com', ...resetPasswordMail({ name: 'Ann <Admin>', link, ttlSeconds: 1800 }) };

describe('mailer', () => {
  it('without SMTP in development writes each message to the outbox as .eml and logs its link', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'easel-mail-'));
    folders.push(dataDir);
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_CONSOLE: 'false' });
    expect(config.mail.outboxDir).toBe(join(dataDir, 'outbox'));
    const { logger, lines } = capturingLogger();
    const mailer = createMailer(config, logger);
    expect(mailer.transport).toBe('outbox');
    await mailer.send(message);
    const files = await readdir(join(dataDir, 'outbox'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(await readFile(join(dataDir, 'outbox', files[0] as string)));
    expect(parsed.subject).toBe('Reset your Easel password');
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Easel', address: 'no-reply@localhost' });
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain('Hello Ann &lt;Admin&gt;,');
    expect(lines.join('\n')).toContain(link);
  });

  it('with neither SMTP nor outbox in production drops the message and never logs the link', async () => {
    const { logger, lines } = capturingLogger();
    const mailer = createMailer({ isProduction: true, mail: { ...loadConfig({}).mail, outboxDir: undefined } }, logger);
    expect(mailer.transport).toBe('none');
    await mailer.send(message);
    expect(lines.join('\n')).toContain('dropped');
    expect(lines.join('\n')).not.toContain('token=');
  });

  it('runs queued jobs after the caller, one at a time, and logs a failure without throwing', async () => {
    const { logger, lines } = capturingLogger();
    const mailer = createMailer(
      { isProduction: false, mail: { ...loadConfig({}).mail, outboxDir: undefined } },
      logger,
    );
    const order: string[] = [];
    mailer.later('first', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first');
    });
    mailer.later('broken', () => Promise.reject(new Error('smtp down')));
    mailer.later('second', async () => {
      order.push('second');
    });
    order.push('caller');
    await mailer.idle();
    expect(order).toEqual(['caller', 'first', 'second']);
    expect(lines.join('\n')).toContain('mail job broken failed');
  });

  it('refuses an outbox in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64') };
    expect(() => loadConfig({ ...production, MAIL_OUTBOX_DIR: '/tmp/outbox' })).toThrow(/MAIL_OUTBOX_DIR is refused/);
  });
});

describe('templates', () => {
  it('escapes HTML and words durations', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect([describeDuration(1800), describeDuration(86400), describeDuration(3600), describeDuration(90)]).toEqual([
      '30 minutes',
      '24 hours',
      '1 hour',
      '90 seconds',
    ]);
  });
});
