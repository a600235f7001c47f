/**
 * fast-check arbitraries for hostile HTTP input: what a careless or malicious client can send to
 * a JSON API. Bodies are built as raw JSON text so that duplicate keys, `__proto__` keys and
 * numbers JSON.stringify cannot write (1e999, -0, 30 digits) reach the server exactly as written.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** Strings a database, a log line or a terminal may choke on. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00y',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  '\uffff\ufffe',
  'A\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\r\nSet-Cookie: x=1',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%s%n%x',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'a@b.co',
  'admin',
  '00000000-0000-4000-8000-000000000000',
  'null',
];

const hugeString = fc.constantFrom(10_000, 99_000, 200_000).map((n) => 'é'.repeat(n / 2));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Numbers as JSON text, including ones JSON.stringify cannot produce. */
const RAW_NUMBERS = [
  '0',
  '-0',
  '1e999',
  '-1e999',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '2147483648',
  '-2147483649',
  '1.5',
  '-1',
  '1E2',
];
const rawNumber = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS),
  fc.double().map((n) => (Number.isFinite(n) ? JSON.stringify(n) : '0')),
  fc.integer().map(String),
);

/** Keys that poison prototypes or confuse merges. */
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '$where', '$gt'];

/** A JSON value as raw text, `depth` levels deep at most. */
export function rawJsonValue(keys: readonly string[], depth = 2): fc.Arbitrary<string> {
  const scalar = fc.oneof(
    { weight: 4, arbitrary: hostileString.map((s) => JSON.stringify(s)) },
    { weight: 2, arbitrary: rawNumber },
    { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null') },
  );
  if (depth <= 0) return scalar;
  const inner = rawJsonValue(keys, depth - 1);
  return fc.oneof(
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 4 }).map((items) => `[${items.join(',')}]`) },
    { weight: 1, arbitrary: rawJsonObject(keys, inner) },
    { weight: 1, arbitrary: deepNesting },
  );
}

/** An object as raw text: known keys, prototype keys, duplicates (the same key twice) allowed. */
export function rawJsonObject(keys: readonly string[], value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(keys.length ? keys : ['x'])) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 100) },
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 8 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

/** `[[[...]]]` or `{"a":{"a":...}}`, up to 50,000 levels: stack-overflow bait. */
const deepNesting = fc
  .tuple(fc.constantFrom(50, 5_000, 50_000), fc.boolean())
  .map(([n, arrays]) => (arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n)));

/** The keys a route's schema declares (zod objects, through pipes and wrappers), for aimed input. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  let at: unknown = schema;
  for (let i = 0; i < 10 && at; i += 1) {
    if (at instanceof z.ZodObject) return Object.keys(at.shape);
    const def = (at as { def?: { in?: unknown; innerType?: unknown; schema?: unknown } }).def;
    at = def?.in ?? def?.innerType ?? def?.schema;
  }
  return [];
}

export interface HostileBody {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  body: Buffer | undefined;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON; CHARSET="UTF-8"',
  'application/json; charset=latin1',
  'application/json; charset=utf-16le',
  'application/json; charset=nonsense',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
];

/** A body: mostly JSON aimed at the route's keys, sometimes bytes that are not UTF-8 or not JSON. */
export function hostileBody(keys: readonly string[], secrets: { password: string }): fc.Arbitrary<HostileBody> {
  // Passwords in the body are sometimes the caller's real one: it must never come back.
  const withSecret = [...keys, 'password', 'currentPassword', 'newPassword'];
  const value = fc.oneof(
    { weight: 6, arbitrary: rawJsonValue(keys) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(secrets.password)) },
  );
  const json = fc.oneof(
    { weight: 6, arbitrary: rawJsonObject(withSecret, value) },
    { weight: 1, arbitrary: rawJsonValue(keys) },
  );
  const bytes = fc.oneof(
    { weight: 8, arbitrary: json.map((text) => Buffer.from(text, 'utf8')) },
    // Invalid UTF-8 inside a string, and a UTF-16 body.
    {
      weight: 1,
      arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d])),
    },
    { weight: 1, arbitrary: json.map((text) => Buffer.from(text, 'utf16le')) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":1', 'a=1&b=2', '', '\u0000').map((s) => Buffer.from(s)) },
  );
  return fc.record({
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 8 }),
    contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nonsense'), {
      nil: undefined,
      freq: 10,
    }),
    body: fc.option(bytes, { nil: undefined, freq: 6 }),
  });
}

/** Percent-encodes any string, lone surrogates included (as the bytes Node would send). */
function encodeAny(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16)}`))
    .join('');
}

const RAW_URL_PARTS = ['%', '%%', '%E0%A4%A', '%ED%A0%80', '%FF', '%00', '%2F', '..', '%2e%2e', '-1', '1e999'];

/**
 * One URL part (a path segment or a query value), already encoded, sometimes malformed on purpose.
 * At most ~3 KB: Node itself answers 431 (no body) to a request head over 16 KB, before any app.
 */
export const hostileUrlPart: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: hostileString.map((s) =>
      encodeAny(s)
        .slice(0, 3_000)
        .replace(/%[0-9a-f]?$/, ''),
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PARTS) },
  { weight: 1, arbitrary: rawNumber.map(encodeAny) },
);

/** A query string aimed at the route's declared keys, with repeated keys and bracket syntax. */
export function hostileQuery(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...(keys.length ? keys : ['q'])),
    fc.constantFrom('__proto__', 'constructor', 'a[b]', 'limit[]', 'email[$ne]'),
  );
  return fc
    .array(fc.tuple(key, hostileUrlPart), { maxLength: 5 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeAny(k)}=${v}`).join('&')}` : ''));
}
