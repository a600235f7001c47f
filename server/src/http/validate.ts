import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../contract/text.ts';

/**
 * Parses one part of the request with a named schema. Every string in the input, keys included,
 * must first pass the one text rule (no NUL, no unpaired surrogates): the database refuses such
 * text, and it has no business in logs. A failure of either throws, and the error handler answers
 * 422 `validation_failed` with field paths.
 */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parseInput(schema, req.body ?? {});
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parseInput(schema, req.query);
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parseInput(schema, req.params);
}

/** The one entry for request input: the text rule on the raw value, then the schema. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const badPath = findUnstorableText(input);
  if (badPath !== undefined) {
    throw new HttpError('validation_failed', 'The request holds text that cannot be stored', {
      errors: [{ path: badPath, message: STORABLE_TEXT_MESSAGE, code: 'unstorable_text' }],
    });
  }
  return schema.parse(input);
}

/**
 * The dotted path of the first string (value or key) that breaks the text rule, if any. Walks
 * with its own stack, each entry pointing at its parent, so a deeply nested body neither
 * overflows the call stack nor copies its path at every level.
 */
export function findUnstorableText(input: unknown): string | undefined {
  const pending: Visit[] = [{ value: input, key: undefined, parent: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return pathOf(visit);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (!isStorableText(key)) return pathOf({ value: child, key: key.replace(/[^\x20-\x7e]/g, '?'), parent: visit });
      if (typeof child === 'string' || (typeof child === 'object' && child !== null)) {
        pending.push({ value: child, key, parent: visit });
      }
    }
  }
  return undefined;
}

interface Visit {
  value: unknown;
  key: string | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
