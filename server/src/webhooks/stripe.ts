import type { IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import type { Provider, Verdict } from './providers.ts';
import { StripeEventEnvelope } from './webhooks.schemas.ts';

/**
 * Stripe's scheme: `Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]`,
 * checked by Stripe's own library. Several secrets are tried in turn, so that a rotated secret
 * keeps working until its deliveries stop.
 */
export function stripeProvider(secrets: readonly string[], toleranceSeconds: number): Provider {
  return {
    name: 'stripe',
    signatureHeaders: ['Stripe-Signature'],
    verify: (raw, headers, now) => verifyStripe(raw, headers, now, secrets, toleranceSeconds),
    envelope: StripeEventEnvelope,
    // The envelope schema requires `id` to be a string.
    eventIdOf: (envelope) => String(envelope.id),
  };
}

function verifyStripe(
  raw: Buffer,
  headers: IncomingHttpHeaders,
  now: Date,
  secrets: readonly string[],
  toleranceSeconds: number,
): Verdict {
  const header = headers['stripe-signature'];
  if (typeof header !== 'string' || header === '') return 'missing';
  const signedBy = (secret: string, tolerance: number) => isSignedBy(raw, header, secret, tolerance, now);
  if (secrets.some((secret) => signedBy(secret, toleranceSeconds))) return 'verified';
  // Tolerance 0 turns the library's time check off: a match now means the signature is right
  // but old (a replay, or a clock far off), which the sender should be told apart.
  return secrets.some((secret) => signedBy(secret, 0)) ? 'stale' : 'mismatch';
}

/**
 * `signature.verifyHeader` is the verification `constructEvent` runs before it parses the body
 * (Stripe documents it for verifying deliveries that are stored and processed later). It throws
 * a StripeSignatureVerificationError on a mismatch or an old timestamp.
 */
function isSignedBy(raw: Buffer, header: string, secret: string, tolerance: number, now: Date): boolean {
  const signature = Stripe.webhooks.signature;
  if (!signature) throw new Error('the stripe package has no webhook signature helper');
  try {
    return signature.verifyHeader(raw, header, secret, tolerance, undefined, now.getTime());
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return false;
    throw error;
  }
}
