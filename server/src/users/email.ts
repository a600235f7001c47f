/** The one email normalization: applied before every store and every lookup. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
