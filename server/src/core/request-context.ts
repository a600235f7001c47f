/** What services may know about the request: enough to audit it, nothing to couple them to Express. */
export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

/** Who acts (a signed-in user, an admin), and the request they act through: what an audited change needs. */
export interface Actor {
  userId: string;
  /** The session (refresh family) their access token belongs to, if it came from one. */
  sessionId?: string | undefined;
  request: RequestContext;
}
