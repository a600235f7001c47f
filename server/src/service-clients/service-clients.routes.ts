import type { AppContext } from '../app-context.ts';
import { createJsonBody } from '../http/body.ts';
import { unwrap } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import { guarded, route, type Feature } from '../http/routes.ts';
import { actingUser, currentIdentity, requireAdmin, requireAuth, requireScope } from '../identity/guards.ts';
import {
  CreatedServiceClient,
  CreateServiceClientBody,
  ListServiceClientsQuery,
  ServiceAuditEventBody,
  ServiceAuditEventView,
  ServiceClientPage,
  ServiceClientParams,
} from './service-clients.schemas.ts';
import { writeServiceAuditEvent } from './service-audit.service.ts';
import { createServiceClient, listServiceClients, revokeServiceClient } from './service-clients.service.ts';

/** What a signed request can be refused with before its route runs (docs/service-clients.md). */
export const SIGNED_ERRORS = [
  'unauthorized',
  'signature_malformed',
  'unknown_client',
  'client_revoked',
  'timestamp_out_of_window',
  'signature_mismatch',
  'nonce_reused',
  'insufficient_scope',
] as const;

/** /api/service-clients: admins create, list and revoke the programs that sign their requests. */
export function serviceClientsFeature(ctx: AppContext): Feature {
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  const routes = guarded(requireAdmin(ctx.db), [
    route.post('/', {
      summary: 'Create a service client with scopes (admin); the answer holds its secret, shown this once',
      use: json,
      body: CreateServiceClientBody,
      responses: { 201: CreatedServiceClient },
      errors: ['not_ready'],
      handle: async (req, res, { body }) => {
        // The secret must not linger in caches or proxies.
        res.setHeader('Cache-Control', 'no-store');
        return unwrap(await createServiceClient(ctx, actingUser(req), body));
      },
    }),
    route.get('/', {
      summary: 'List service clients (admin), newest first, revoked ones included; never their secrets',
      query: ListServiceClientsQuery,
      responses: { 200: ServiceClientPage },
      handle: (_req, _res, { query }) => listServiceClients(ctx.db, query),
    }),
    route.delete('/:id', {
      summary: 'Revoke a service client (admin): its next signed request is refused, its secret erased',
      params: ServiceClientParams,
      responses: { 204: null },
      handle: async (req, _res, { params }) =>
        unwrap(await revokeServiceClient(ctx, actingUser(req), params.id, ctx.clock.now())),
    }),
  ]);
  return { path: '/api/service-clients', routes };
}

/** /api/audit-events: other services report events into the audit log (scope audit:write). */
export function serviceAuditFeature(ctx: AppContext): Feature {
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  const routes = [
    route.post('/', {
      summary: 'Record an audit event from a service client (scope audit:write), stored as service.<type>',
      use: [requireAuth, requireScope('audit:write'), ...json],
      body: ServiceAuditEventBody,
      responses: { 201: ServiceAuditEventView },
      errors: [...SIGNED_ERRORS, 'not_found'],
      handle: async (req, _res, { body }) => {
        const identity = currentIdentity(req);
        const by = { clientId: identity.clientId ?? identity.userId, request: requestContext(req) };
        return unwrap(await writeServiceAuditEvent(ctx.db, by, body));
      },
    }),
  ];
  return { path: '/api/audit-events', routes };
}
