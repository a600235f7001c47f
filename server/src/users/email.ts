import { uniqueFields } from '../http/error-handler.ts';

/** The one email normalization: applied before every store and every lookup. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** True for the unique-index violation on users.email (the database decides races, not a lookup). */
export function isDuplicateEmail(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002' && uniqueFields(error).includes('email');
}
