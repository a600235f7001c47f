import type { Request } from 'express';

/** What services may know about the request: enough to audit it, nothing to couple them to Express. */
export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

export function requestContext(req: Request): RequestContext {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.get('user-agent')?.slice(0, 512),
    requestId: req.id,
  };
}
