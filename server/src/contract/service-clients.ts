/** Service clients and their scopes as the API takes and returns them (docs/service-clients.md). */
import { z } from 'zod';
import { Timestamp } from './timestamps.ts';
import { pageOf } from './pages.ts';

/**
 * The fixed list of scopes a service client may hold. A scope names what a route lets a signed
 * caller do; adding one is a contract change (docs, tests, Postman).
 */
export const SERVICE_SCOPES = ['users:read', 'audit:write'] as const;
export const ServiceScope = z.enum(SERVICE_SCOPES);
export type ServiceScope = z.infer<typeof ServiceScope>;

export const CreateServiceClientBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(ServiceScope)
      .min(1)
      .max(SERVICE_SCOPES.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, { message: 'each scope once' }),
  })
  .strict();
export type CreateServiceClientBody = z.infer<typeof CreateServiceClientBody>;

/** A client as listed: never its secret. */
export const ServiceClientView = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(ServiceScope),
  createdAt: Timestamp,
  /** The admin who created it. */
  createdBy: z.uuid().nullable(),
  /** Set once revoked: signed requests from it are refused from then on. */
  revokedAt: Timestamp.nullable(),
});
export type ServiceClientView = z.infer<typeof ServiceClientView>;

/** The answer to a create: the one time the secret is shown. */
export const CreatedServiceClient = ServiceClientView.extend({
  /** The signing secret (256 random bits, base64url after `esk_`); store it now, it is never shown again. */
  secret: z.string(),
});
export type CreatedServiceClient = z.infer<typeof CreatedServiceClient>;

export const ServiceClientPage = pageOf(ServiceClientView);

/** An audit event written by a service (scope audit:write); stored with type `service.<type>`. */
export const ServiceAuditEventBody = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, _ . - (at most 64)'),
    /** The user the event is about, if any. */
    userId: z.uuid().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ServiceAuditEventBody = z.infer<typeof ServiceAuditEventBody>;

export const ServiceAuditEventView = z.object({ id: z.string(), type: z.string(), createdAt: Timestamp });
export type ServiceAuditEventView = z.infer<typeof ServiceAuditEventView>;
