import type { Request } from 'express';
import { toStorableText } from '../contract/text.ts';
import type { RequestContext } from '../core/request-context.ts';

export type { RequestContext };

export function requestContext(req: Request): RequestContext {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    // Stored with sessions and audit rows: the text rule applies to it too.
    userAgent: toStorableText(req.get('user-agent')?.slice(0, 512) ?? '') || undefined,
    requestId: req.id,
  };
}
