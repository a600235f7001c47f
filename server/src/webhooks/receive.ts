import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../app-context.ts';
import type { WebhookReceipt } from '../contract/webhooks.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { describeHandler } from '../http/handler-docs.ts';
import { HttpError, unwrap } from '../http/http-error.ts';
import { parseInput } from '../http/validate.ts';
import { storeDelivery } from './inbox.ts';
import { checkSignature, type Provider } from './providers.ts';

/** The configured provider the path names; 404 for any other, before its body is read. */
export function findProvider(providers: ReadonlyMap<string, Provider>, name: string): Provider {
  const provider = providers.get(name);
  if (!provider) throw new HttpError('not_found', 'No such webhook provider is configured');
  return provider;
}

export function requireProvider(providers: ReadonlyMap<string, Provider>): RequestHandler {
  const guard: RequestHandler = (req, _res, next) => {
    findProvider(providers, String(req.params.provider));
    next();
  };
  return describeHandler(guard, {
    security: {
      webhookSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'webhook-signature',
        description:
          'The provider’s HMAC over the exact body bytes with a configured secret: `webhook-id`, `webhook-timestamp` and `webhook-signature` (Standard Webhooks), or `Stripe-Signature` (Stripe). No access token.',
      },
    },
    errors: ['not_found'],
  });
}

/**
 * A delivery, in the only safe order: the signature over the exact bytes first, then the JSON,
 * then the event's id and type; stored once, to be processed by the worker. Nothing is stored
 * unless every step passes.
 */
export async function receiveDelivery(ctx: AppContext, provider: Provider, req: Request): Promise<WebhookReceipt> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const verdict = provider.verify(raw, req.headers, ctx.clock.now());
  if (verdict !== 'verified') {
    ctx.logger.warn('webhook delivery refused', { provider: provider.name, verdict, requestId: req.id });
  }
  unwrap(checkSignature(provider, verdict, ctx.config.webhooks.toleranceSeconds));
  const body = parseJsonBytes(raw);
  const envelope = parseInput(provider.envelope, body);
  const eventId = provider.eventIdOf(envelope, req.headers);
  const delivery = { provider: provider.name, eventId, type: envelope.type, payload: body as Prisma.InputJsonValue };
  const { duplicate } = await storeDelivery(ctx.db, delivery, ctx.clock.now());
  return { provider: provider.name, eventId, duplicate };
}

/** Strict UTF-8 and JSON: bytes that are neither are a 400, not a guess. */
function parseJsonBytes(raw: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new HttpError('malformed_json', 'The request body is not valid UTF-8 JSON');
  }
}
