import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import { refuse, succeed, type Outcome } from '../core/outcome.ts';
import { standardWebhooksProvider } from './standard-webhooks.ts';
import { stripeProvider } from './stripe.ts';

/** What a signature check found: only `verified` lets a delivery in. */
export type Verdict = 'verified' | 'missing' | 'mismatch' | 'stale';

/** The fields of a parsed body the inbox relies on; the rest is stored as sent. */
export interface Envelope {
  type: string;
  [field: string]: unknown;
}

/** One configured sender: how its deliveries are verified, and where their id and type are. */
export interface Provider {
  /** Its name in the URL: POST /api/webhooks/:provider. */
  name: string;
  /** The headers carrying the signature, named when one is missing. */
  signatureHeaders: readonly string[];
  /** Checks the signature over the exact bytes received, at `now`, against every configured secret. */
  verify(raw: Buffer, headers: IncomingHttpHeaders, now: Date): Verdict;
  /** The fields of the parsed body the inbox needs (the rest is stored as sent). */
  envelope: z.ZodType<Envelope>;
  /** The provider's own id of the event, unique per provider: the inbox's deduplication key. */
  eventIdOf(envelope: Envelope, headers: IncomingHttpHeaders): string;
}

/** The providers with secrets in the configuration; the others answer 404. */
export function loadProviders(config: Config['webhooks']): Map<string, Provider> {
  const { secrets, toleranceSeconds } = config;
  const providers = [
    secrets.stripe.length > 0 && stripeProvider(secrets.stripe, toleranceSeconds),
    secrets.standard.length > 0 && standardWebhooksProvider('standard', secrets.standard, toleranceSeconds),
  ].filter((provider) => provider !== false);
  return new Map(providers.map((provider) => [provider.name, provider]));
}

/** A verdict as the answer the sender gets: only `verified` passes. */
export function checkSignature(provider: Provider, verdict: Verdict, toleranceSeconds: number): Outcome<void> {
  switch (verdict) {
    case 'verified':
      return succeed(undefined);
    case 'missing':
      return refuse('invalid_signature', `Send the signature headers: ${provider.signatureHeaders.join(', ')}`);
    case 'mismatch':
      return refuse('invalid_signature', 'The signature does not match the body with any configured secret');
    case 'stale':
      return refuse(
        'timestamp_out_of_tolerance',
        `The signed timestamp is more than ${toleranceSeconds} s away from the server's time`,
      );
  }
}
