import type { AppContext } from '../app-context.ts';
import { createRawJsonBody } from '../http/body.ts';
import { unwrap } from '../http/http-error.ts';
import { route, type Feature } from '../http/routes.ts';
import { actingUser, requireAdmin } from '../identity/guards.ts';
import { listEvents, retryEvent } from './events.service.ts';
import { loadProviders } from './providers.ts';
import { findProvider, receiveDelivery, requireProvider } from './receive.ts';
import {
  EventParams,
  ListEventsQuery,
  ProviderParams,
  WebhookDeliveryBody,
  WebhookEventPage,
  WebhookEventView,
  WebhookReceipt,
} from './webhooks.schemas.ts';

/**
 * /api/webhooks: signed deliveries from payment, mail and auth providers into the inbox, and the
 * inbox for admins (docs/webhooks.md).
 */
export function webhooksFeature(ctx: AppContext): Feature {
  const providers = loadProviders(ctx.config.webhooks);
  const admin = requireAdmin(ctx.db);
  const routes = [
    // Before '/:provider', which would otherwise take '/events' for a provider's name.
    route.get('/events', {
      summary: 'List inbox events (admin), newest first, by status and provider',
      use: admin,
      query: ListEventsQuery,
      responses: { 200: WebhookEventPage },
      handle: (_req, _res, { query }) => listEvents(ctx.db, query),
    }),
    route.post('/events/:id/retry', {
      summary: 'Retry a failed inbox event (admin): a fresh set of attempts, due now',
      use: admin,
      params: EventParams,
      responses: { 200: WebhookEventView },
      errors: ['webhook_not_failed'],
      handle: async (req, _res, { params }) =>
        unwrap(await retryEvent(ctx.db, actingUser(req), params.id, ctx.clock.now())),
    }),
    route.post('/:provider', {
      summary:
        'Receive a delivery from a configured provider: signature checked over the raw bytes, stored once, processed after',
      use: [requireProvider(providers), ...createRawJsonBody(ctx.config.webhooks.bodyLimit)],
      params: ProviderParams,
      rawBody: WebhookDeliveryBody,
      responses: { 200: WebhookReceipt },
      errors: ['invalid_signature', 'timestamp_out_of_tolerance', 'malformed_json'],
      handle: (req, _res, { params }) => receiveDelivery(ctx, findProvider(providers, params.provider), req),
    }),
  ];
  return {
    path: '/api/webhooks',
    name: 'webhooks',
    description: 'Signed provider deliveries, and the inbox for admins',
    routes,
  };
}
