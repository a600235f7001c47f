import type { Request } from 'express';
import { toStorableText } from './storable-text.ts';

/** What services may know about the request: enough to audit it, nothing to couple them to Express. */
export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

export function requestContext(req: Request): RequestContext {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    // Stored with sessions and audit rows: the text rule applies to it too.
    userAgent: toStorableText(req.get('user-agent')?.slice(0, 512) ?? '') || undefined,
    requestId: req.id,
  };
}
