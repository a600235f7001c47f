import type { Request } from 'express';
import { z } from 'zod';

/** What If-Match asks for: the versions it names, or `any` for `*`; undefined when not sent. */
export type IfMatch = number[] | 'any' | undefined;

// Versions are PostgreSQL int4, counted from 1.
const MAX_VERSION = 2_147_483_647;

/**
 * The versions an If-Match header names, for resources whose strong ETag is their quoted
 * version (`"7"`). Weak or malformed tags match nothing (a 412 if the resource exists), as HTTP's
 * strong comparison says.
 */
/** For the API reference: the header readIfMatch reads. */
export const IfMatchHeader = z.object({
  'If-Match': z
    .string()
    .optional()
    .describe('The version edited, as an ETag: `"<version>"` (or `*`); a stale one is 412 precondition_failed'),
});

export function readIfMatch(req: Request): IfMatch {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'any';
  return header.split(',').flatMap((tag) => {
    const version = Number(/^"(\d{1,10})"$/.exec(tag.trim())?.[1]);
    return Number.isInteger(version) && version >= 1 && version <= MAX_VERSION ? [version] : [];
  });
}

/** The strong ETag of a versioned resource: its version, quoted. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}
