import type { RequestHandler } from 'express';
import type { AppContext } from '../app-context.ts';
import { createJsonBody } from '../http/body.ts';
import { describeHandler } from '../http/handler-docs.ts';
import { HttpError, unwrap } from '../http/http-error.ts';
import { requestContext } from '../http/request-context.ts';
import { guarded, route, type Feature } from '../http/routes.ts';
import { requireRecentSecondFactor } from '../identity/second-factor.ts';
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

/**
 * /api/service-clients: admins create, list and revoke the programs that sign their requests.
 * Issuing or revoking a credential asks an admin who has a second factor for a recent proof of it
 * (as GitHub's sudo mode does for keys and tokens), so a stolen access token cannot mint one.
 */
export function serviceClientsFeature(ctx: AppContext): Feature {
  const json = createJsonBody(ctx.config.http.jsonBodyLimit);
  const stepUpFirst = requireRecentSecondFactor(ctx);
  const routes = guarded(requireAdmin(ctx.db), [
    route.post('/', {
      summary: 'Create a service client with scopes (admin); the answer holds its secret, shown this once',
      use: [stepUpFirst, requireSealingKeys(ctx), ...json],
      body: CreateServiceClientBody,
      responses: { 201: CreatedServiceClient },
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
      use: [stepUpFirst],
      params: ServiceClientParams,
      responses: { 204: null },
      handle: async (req, _res, { params }) =>
        unwrap(await revokeServiceClient(ctx, actingUser(req), params.id, ctx.clock.now())),
    }),
  ]);
  return { path: '/api/service-clients', routes };
}

/**
 * A new client's secret is sealed under SERVICE_CLIENT_KEYS. Without them, development seals with
 * a key that dies with the process; production answers 503 before reading the request, rather than
 * seal secrets no other instance and no restart could open.
 */
function requireSealingKeys(ctx: AppContext): RequestHandler {
  return describeHandler(
    (_req, _res, next) => {
      if (ctx.secrets.ephemeral && ctx.config.isProduction) {
        throw new HttpError('not_ready', 'Set SERVICE_CLIENT_KEYS to create service clients (docs/service-clients.md)');
      }
      next();
    },
    { errors: ['not_ready'] },
  );
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
