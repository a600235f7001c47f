/**
 * The unique fields behind a P2002. On the driver-adapter path `meta.target` is undefined and
 * the fields sit in `meta.driverAdapterError.cause.constraint.fields` (DESIGN.md section 2).
 */
export function uniqueFields(err: unknown): string[] {
  const meta = (err as { meta?: Record<string, unknown> }).meta ?? {};
  if (Array.isArray(meta.target)) return meta.target.map(String);
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause;
  const fields = cause?.constraint?.fields;
  return Array.isArray(fields) ? fields.map((f) => String(f).replaceAll('"', '')) : [];
}

/** True for a unique-index violation (P2002), on `field` when given: the database decides races. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if ((error as { code?: unknown } | null)?.code !== 'P2002') return false;
  return field === undefined || uniqueFields(error).includes(field);
}

/** True for "the record to change does not exist" (P2025). */
export function isRecordMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2025';
}

// Prisma's codes for "cannot reach / lost / timed out waiting for" the database.
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// P2028 is every transaction API error; these two mean "too busy": no connection for a new
// transaction within maxWait, or one that outlived its timeout (a login storm on a small pool).
const BUSY_TRANSACTION = /Unable to start a transaction in the given time|expired transaction/;
// The pg driver adapter's kinds for the same, and PostgreSQL's own "shutting down / starting up".
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
// Node's socket errors, on a statement sent through the pool directly (db/client.ts, sqlPool).
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// pg's own messages when a pooled connection dies or none can be had in time.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server/;

/**
 * True when the database could not be reached (stopped, restarting, unreachable, out of
 * connections or too busy to start a transaction in time): a 503 the client may retry, not a
 * bug. Reads Prisma's wrapping, the driver adapter's error and pg's own, whichever arrives.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: Record<string, unknown>; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const message = typeof e.message === 'string' ? e.message : '';
  if (typeof e.code === 'string') {
    if (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))
      return true;
    if (e.code === 'P2028' && BUSY_TRANSACTION.test(message)) return true;
  }
  const cause = ((e.meta?.driverAdapterError as { cause?: unknown } | undefined)?.cause ?? e.cause) as
    { kind?: unknown; code?: unknown } | undefined;
  if (typeof cause?.kind === 'string' && UNAVAILABLE_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && typeof cause.code === 'string' && UNAVAILABLE_SQLSTATES.has(cause.code))
    return true;
  return UNAVAILABLE_MESSAGE.test(message);
}
