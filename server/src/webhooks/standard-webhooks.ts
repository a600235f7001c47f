import type { IncomingHttpHeaders } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { ConfigError } from '../config.ts';
import type { Provider, Verdict } from './providers.ts';
import { StandardWebhookEnvelope, StandardWebhookId } from './webhooks.schemas.ts';

/**
 * The Standard Webhooks scheme (used by many mail and auth providers): `webhook-id`,
 * `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
 * checked by the scheme's own library, once per configured secret (rotation).
 */
export function standardWebhooksProvider(name: string, secrets: readonly string[], toleranceSeconds: number): Provider {
  const verifiers = secrets.map((secret) => toVerifier(name, secret));
  return {
    name,
    signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    verify: (raw, headers, now) => verifyStandard(raw, headers, now, verifiers, toleranceSeconds),
    envelope: StandardWebhookEnvelope,
    eventIdOf: (_envelope, headers) => StandardWebhookId.parse(headers['webhook-id']),
  };
}

function verifyStandard(
  raw: Buffer,
  headers: IncomingHttpHeaders,
  now: Date,
  verifiers: readonly Webhook[],
  toleranceSeconds: number,
): Verdict {
  const signed = {
    'webhook-id': headers['webhook-id'],
    'webhook-timestamp': headers['webhook-timestamp'],
    'webhook-signature': headers['webhook-signature'],
  };
  if (!Object.values(signed).every((value) => typeof value === 'string' && value !== '')) return 'missing';
  const present = signed as Record<string, string>;
  const timestamp = present['webhook-timestamp'] ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return 'mismatch';
  // The library also checks its own fixed 5 minutes against the system clock; this applies
  // WEBHOOK_TOLERANCE (at most 5 minutes) on the app's clock.
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return 'stale';
  return verifiers.some((verifier) => isSignedBy(verifier, raw, present)) ? 'verified' : 'mismatch';
}

/** The library decides what a valid secret is (base64, optionally prefixed `whsec_`). */
function toVerifier(provider: string, secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch {
    const variable = `WEBHOOK_${provider.toUpperCase()}_SECRETS`;
    throw new ConfigError(`${variable}: each secret must be base64, optionally prefixed whsec_`);
  }
}

function isSignedBy(verifier: Webhook, raw: Buffer, headers: Record<string, string>): boolean {
  try {
    verifier.verify(raw, headers, { jsonParse: false });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}
