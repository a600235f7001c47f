import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signing scheme of service clients (docs/service-clients.md), on the server's side. Callers
 * sign with scripts/sign-request.ts, the openssl recipe or the Postman script; tests check that
 * they all agree with this file.
 */
export const SIGNATURE_SCHEME = 'EaselHMAC';
export const CANONICAL_PREFIX = 'EASEL-HMAC-SHA256';

export interface SignatureHeader {
  clientId: string;
  timestamp: number;
  nonce: string;
  signature: Buffer;
}

const FIELD = /^(client|timestamp|nonce|signature)=([^\s,]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `EaselHMAC client=<uuid>, timestamp=<unix seconds>, nonce=<16-64 of A-Z a-z 0-9 _ ->,
 * signature=<64 hex>`, fields in any order, each once; null for anything else.
 */
export function parseSignatureHeader(header: string): SignatureHeader | null {
  const match = /^EaselHMAC\s+(.+)$/i.exec(header.trim());
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const field = FIELD.exec(part.trim());
    if (!field || fields.has(field[1]!)) return null;
    fields.set(field[1]!, field[2]!);
  }
  const clientId = fields.get('client') ?? '';
  const timestamp = fields.get('timestamp') ?? '';
  const nonce = fields.get('nonce') ?? '';
  const signature = fields.get('signature') ?? '';
  if (!UUID.test(clientId) || !/^\d{1,12}$/.test(timestamp)) return null;
  if (!/^[\w-]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/i.test(signature)) return null;
  return {
    clientId: clientId.toLowerCase(),
    timestamp: Number(timestamp),
    nonce,
    signature: Buffer.from(signature, 'hex'),
  };
}

/**
 * The query as sent (percent-encoding untouched), its `name=value` pairs sorted by name, then by
 * value, in code-unit order, joined by `&`; empty pairs dropped.
 */
export function canonicalQuery(rawQuery: string): string {
  const pairs = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return at === -1 ? { name: pair, pair } : { name: pair.slice(0, at), pair };
    });
  pairs.sort((a, b) => compare(a.name, b.name) || compare(a.pair, b.pair));
  return pairs.map((p) => p.pair).join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The string a client signs: one field per line, no trailing newline. */
export function canonicalString(input: {
  timestamp: number;
  nonce: string;
  method: string;
  /** The request target as sent: path, then `?` and the query if any. */
  target: string;
  body: Uint8Array;
}): string {
  const at = input.target.indexOf('?');
  const path = at === -1 ? input.target : input.target.slice(0, at);
  const query = at === -1 ? '' : input.target.slice(at + 1);
  return [
    CANONICAL_PREFIX,
    String(input.timestamp),
    input.nonce,
    input.method.toUpperCase(),
    path,
    canonicalQuery(query),
    createHash('sha256').update(input.body).digest('hex'),
  ].join('\n');
}

/** Constant-time comparison of the presented signature with the one the secret gives. */
export function signatureMatches(secret: string, canonical: string, presented: Buffer): boolean {
  const expected = createHmac('sha256', secret).update(canonical).digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
