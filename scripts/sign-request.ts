/**
 * Signs a request to Easel as a service client (docs/service-clients.md). Depends only on
 * node:crypto, so a caller can copy this one file.
 *
 *   import { signRequest } from './sign-request.ts';
 *   const { authorization } = signRequest({ clientId, secret, method: 'POST', target: '/api/audit-events', body });
 *   await fetch(base + '/api/audit-events', { method: 'POST', body, headers: { authorization, 'content-type': 'application/json' } });
 *
 * From a shell (the secret from the environment, never an argument other users can see in ps):
 *   EASEL_CLIENT_SECRET=esk_... npx tsx scripts/sign-request.ts <client id> GET '/api/users/<id>'
 *   EASEL_CLIENT_SECRET=esk_... npx tsx scripts/sign-request.ts <client id> POST /api/audit-events body.json
 * prints the Authorization header's value. Send the body file's bytes unchanged (curl --data-binary @body.json).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SignRequestInput {
  clientId: string;
  secret: string;
  method: string;
  /** The path and query exactly as they will be sent: `/api/users/1?b=2&a=1`. */
  target: string;
  /** The exact body bytes (a string is taken as UTF-8); none for a request without a body. */
  body?: string | Uint8Array;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** 16-64 of A-Z a-z 0-9 _ -; default 128 random bits. Never reuse one. */
  nonce?: string;
}

/** The query's pairs, encoding untouched, sorted by name then by the whole pair; empty pairs dropped. */
export function canonicalQuery(query: string): string {
  const name = (pair: string) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return query
    .split('&')
    .filter(Boolean)
    .sort((a, b) => order(name(a), name(b)) || order(a, b))
    .join('&');
}

/** The canonical string: the scheme, timestamp, nonce, method, path, sorted query, SHA-256 of the body (hex). */
export function canonicalString(input: Required<Omit<SignRequestInput, 'clientId' | 'secret'>>): string {
  const [path = '', query = ''] = splitTarget(input.target);
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  return [
    'EASEL-HMAC-SHA256',
    String(input.timestamp),
    input.nonce,
    input.method.toUpperCase(),
    path,
    canonicalQuery(query),
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
}

function splitTarget(target: string): [string, string] {
  const at = target.indexOf('?');
  return at === -1 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)];
}

/** The Authorization header for one request, and the canonical string it signs (for debugging). */
export function signRequest(input: SignRequestInput): { authorization: string; canonical: string } {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomBytes(16).toString('base64url');
  const canonical = canonicalString({
    method: input.method,
    target: input.target,
    body: input.body ?? new Uint8Array(),
    timestamp,
    nonce,
  });
  const signature = createHmac('sha256', input.secret).update(canonical).digest('hex');
  return {
    authorization: `EaselHMAC client=${input.clientId}, timestamp=${timestamp}, nonce=${nonce}, signature=${signature}`,
    canonical,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [clientId, method, target, bodyFile] = process.argv.slice(2);
  const secret = process.env.EASEL_CLIENT_SECRET;
  if (!clientId || !method || !target || !secret) {
    console.error(
      'usage: EASEL_CLIENT_SECRET=esk_... tsx scripts/sign-request.ts <client id> <METHOD> <path?query> [body file]',
    );
    process.exit(2);
  }
  const body = bodyFile ? readFileSync(bodyFile) : undefined;
  console.log(signRequest({ clientId, secret, method, target, ...(body && { body }) }).authorization);
}
