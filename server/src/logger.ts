import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type { Config } from './config.ts';

export type Logger = winston.Logger;

const REDACTED = '[REDACTED]';
// Keys whose values are credentials wherever they appear in log metadata.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|signature|credential/i;
// Credentials can also hide inside free text (an error message quoting a header, say).
const SECRET_TEXT = [
  /\bey[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, // JWTs
  /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, // Authorization values
  /\b(easel_refresh|__Secure-easel_refresh)=[^;\s]+/g, // our refresh cookie
  /\besk_[\w-]{16,}/g, // service-client secrets
];

/** Replaces secrets in any log value: by key name for objects, by pattern for strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { name: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1)]),
  );
}

function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

// Runs before every transport, so no transport can ever see an unredacted entry.
const redactEntry = winston.format((info) => {
  const symbols = Object.getOwnPropertySymbols(info);
  const clean = redact({ ...info }) as winston.Logform.TransformableInfo;
  for (const symbol of symbols) (clean as Record<symbol, unknown>)[symbol] = (info as Record<symbol, unknown>)[symbol];
  if (typeof info.message === 'string') clean.message = redactText(info.message);
  return clean;
});

/** Builds the app logger: console plus daily-rotated files (all levels, and errors only). */
export function createLogger(config: Pick<Config, 'log' | 'env'>): Logger {
  const { dir, level, json, console: toConsole } = config.log;
  const fileFormat = winston.format.combine(winston.format.timestamp(), winston.format.json());
  const transports: winston.transport[] = [
    rotatingFile(dir, 'easel-%DATE%.log', undefined, fileFormat),
    rotatingFile(dir, 'easel-error-%DATE%.log', 'error', fileFormat),
  ];
  if (toConsole) transports.push(new winston.transports.Console({ format: json ? fileFormat : readableFormat() }));
  return winston.createLogger({
    level,
    format: winston.format.combine(winston.format.errors({ stack: true }), redactEntry()),
    defaultMeta: { service: 'easel' },
    transports,
  });
}

function rotatingFile(dir: string, filename: string, level: string | undefined, format: winston.Logform.Format) {
  return new DailyRotateFile({
    dirname: dir,
    filename,
    level,
    datePattern: 'YYYY-MM-DD',
    zippedArchive: true,
    maxFiles: '14d',
    format,
  });
}

function readableFormat() {
  return winston.format.combine(
    winston.format.colorize(),
    winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
    winston.format.printf(({ timestamp, level, message, service: _service, ...meta }) => {
      const rest = Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : '';
      return `${String(timestamp)} ${level} ${String(message)}${rest}`;
    }),
  );
}

/** Flushes and closes every transport; resolves once files are written. */
export async function closeLogger(logger: Logger): Promise<void> {
  const files = logger.transports.filter((t) => t instanceof DailyRotateFile);
  const finished = files.map((t) => new Promise<void>((resolve) => t.once('finish', () => resolve())));
  logger.end();
  await Promise.race([Promise.all(finished), new Promise((resolve) => setTimeout(resolve, 2000))]);
}
