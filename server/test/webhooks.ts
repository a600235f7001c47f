/**
 * Deliveries signed the way the providers sign them, by the providers' own libraries: Stripe's
 * `generateTestHeaderString` and the Standard Webhooks signer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';

export const STRIPE_SECRET = `whsec_${randomBytes(24).toString('base64url')}`;
export const STANDARD_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Both providers configured, as a test app's environment. */
export const WEBHOOK_ENV = { WEBHOOK_STRIPE_SECRETS: STRIPE_SECRET, WEBHOOK_STANDARD_SECRETS: STANDARD_SECRET };

export interface SignOptions {
  secret?: string;
  /** The signed time; default now. */
  at?: Date;
  /** The provider's id of the event (Standard Webhooks sends it as a header). */
  eventId?: string;
}

/** How one provider signs and shapes its deliveries, so a test can run against either. */
export interface Signer {
  provider: 'stripe' | 'standard';
  secret: string;
  /** A JSON body of an event of this type. */
  event(type: string, data: unknown, eventId?: string): { eventId: string; body: string };
  /** The signature headers for exactly these bytes. */
  sign(body: string, options?: SignOptions): Record<string, string>;
}

export const stripeSigner: Signer = {
  provider: 'stripe',
  secret: STRIPE_SECRET,
  event(type, data, eventId = `evt_${randomBytes(12).toString('hex')}`) {
    const event = { id: eventId, object: 'event', api_version: '2025-09-30', type, data: { object: data } };
    return { eventId, body: JSON.stringify(event) };
  },
  sign(body, { secret = STRIPE_SECRET, at = new Date() } = {}) {
    const timestamp = Math.floor(at.getTime() / 1000);
    return { 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }) };
  },
};

// The Standard Webhooks id travels in a header, not in the body: remembered per body here.
const standardIds = new Map<string, string>();

export const standardSigner: Signer = {
  provider: 'standard',
  secret: STANDARD_SECRET,
  event(type, data, eventId = `msg_${randomUUID()}`) {
    const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    standardIds.set(body, eventId);
    return { eventId, body };
  },
  sign(body, { secret = STANDARD_SECRET, at = new Date(), eventId = standardIds.get(body) ?? 'msg_x' } = {}) {
    return {
      'webhook-id': eventId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(eventId, at, body),
    };
  },
};

/** A Stripe `checkout.session.completed` for a user buying a plan. */
export function checkoutCompleted(userId: string, plan = 'pro', paymentStatus = 'paid') {
  return stripeSigner.event('checkout.session.completed', {
    id: `cs_test_${randomBytes(8).toString('hex')}`,
    object: 'checkout.session',
    client_reference_id: userId,
    payment_status: paymentStatus,
    metadata: { plan },
  });
}

/**
 * Posts a delivery signed for its provider, by default at the app's (fake) time. The Standard
 * Webhooks library also compares the time with the system clock: sign those near real time.
 */
export function deliver(
  app: { app: Parameters<typeof request>[0]; clock: { now(): Date } },
  signer: Signer,
  body: string,
  options: SignOptions = {},
): request.Test {
  return request(app.app)
    .post(`/api/webhooks/${signer.provider}`)
    .set('Content-Type', 'application/json')
    .set(signer.sign(body, { at: app.clock.now(), ...options }))
    .send(body);
}
