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
// The pg driver adapter's kinds for the same, and PostgreSQL's own "shutting down / starting up".
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
// pg's own messages when a pooled connection dies or none can be had in time.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server/;

/**
 * True when the database could not be reached (stopped, restarting, unreachable, out of
 * connections): a 503 the client may retry, not a bug. Reads both Prisma's wrapping and the
 * driver adapter's own error, whichever arrives.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: Record<string, unknown>; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const cause = ((e.meta?.driverAdapterError as { cause?: unknown } | undefined)?.cause ?? e.cause) as
    { kind?: unknown; code?: unknown } | undefined;
  if (typeof cause?.kind === 'string' && UNAVAILABLE_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && typeof cause.code === 'string' && UNAVAILABLE_SQLSTATES.has(cause.code))
    return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
}
