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
