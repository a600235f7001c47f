import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadKeySet, type JwtAlgorithm, type KeySet } from './keys.ts';
import { issueAccessToken, verifyAccessToken } from './tokens.ts';

// The attack suite: every token below is built by hand and, unless the test is about the
// signature, carries a correct one, so each refusal is owed to the one thing that was changed.

const AUTH = { issuer: 'easel', audience: 'easel-api', accessTokenTtl: 300 };
const NOW = new Date('2026-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const USER = { userId: 'u1', roles: ['user'] };
const INVALID = { ok: false, reason: 'invalid' };

interface Fixture {
  alg: JwtAlgorithm;
  keys: KeySet;
  /** Signs `header.payload` the way the active key would. */
  sign(input: string): string;
  publicPem?: string;
}

function hsFixture(): Fixture {
  const keys = loadKeySet({ jwtSecret: randomBytes(48).toString('base64') }, { production: false });
  return { alg: 'HS256', keys, sign: hmacWith(keys.active.signingKey) };
}

function asymmetricFixture(alg: 'RS256' | 'ES256'): Fixture {
  const pair =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keys = loadKeySet(
    { jwtKeys: JSON.stringify([{ kid: `${alg}-1`, alg, privateKey, status: 'active' }]) },
    { production: false },
  );
  // JOSE wants ECDSA signatures as r||s, not DER.
  const dsaEncoding = alg === 'ES256' ? 'ieee-p1363' : 'der';
  return {
    alg,
    keys,
    sign: (input) => sign('sha256', Buffer.from(input), { key: pair.privateKey, dsaEncoding }).toString('base64url'),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function hmacWith(key: KeyObject | string | Buffer, hash = 'sha256') {
  return (input: string) => createHmac(hash, key).update(input).digest('base64url');
}

const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');

function forge(header: object, payload: object, signWith: (input: string) => string = () => ''): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${signWith(input)}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = { sub: 'u1', iss: 'easel', aud: 'easel-api', iat: NOW_S, exp: NOW_S + 300, jti: 'j1', roles: ['user'] };
  return { ...base, ...overrides };
}

function without(name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = claims();
  return rest;
}

const fixtures = [hsFixture(), asymmetricFixture('RS256'), asymmetricFixture('ES256')];

describe.each(fixtures)('$alg access tokens', (f) => {
  const header = (overrides: Record<string, unknown> = {}) => ({
    alg: f.alg,
    typ: 'JWT',
    kid: f.keys.active.kid,
    ...overrides,
  });
  const verify = (token: string, now = NOW) => verifyAccessToken(token, f.keys, AUTH, now);

  it('accepts a hand-built token with a correct signature (the control for every case below)', () => {
    expect(verify(forge(header(), claims(), f.sign))).toMatchObject({ ok: true, claims: { sub: 'u1' } });
  });

  it('issues a token whose header names the key and whose claims verify as issued', () => {
    const issued = issueAccessToken(f.keys, { ...USER, scope: 'drawings:read', sessionId: 'fam-1' }, AUTH, NOW);
    const [head] = issued.token.split('.');
    expect(JSON.parse(Buffer.from(head ?? '', 'base64url').toString())).toEqual({
      alg: f.alg,
      typ: 'JWT',
      kid: f.keys.active.kid,
    });
    expect(issued.expiresIn).toBe(300);
    expect(issued.claims).toEqual({
      sub: 'u1',
      iss: 'easel',
      aud: 'easel-api',
      iat: NOW_S,
      exp: NOW_S + 300,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      roles: ['user'],
      scope: 'drawings:read',
      sid: 'fam-1',
    });
    expect(issued.jti).toBe(issued.claims.jti);
    expect(verify(issued.token)).toEqual({ ok: true, claims: issued.claims });
    expect(issueAccessToken(f.keys, USER, AUTH, NOW).jti).not.toBe(issued.jti);
  });

  it('leaves out scope and sid when not given, and drops unknown claims when verifying', () => {
    expect(issueAccessToken(f.keys, USER, AUTH, NOW).claims).not.toHaveProperty('scope');
    const result = verify(forge(header(), claims({ admin: true }), f.sign));
    expect(result.ok && result.claims).not.toHaveProperty('admin');
  });

  it('reads time only from the injected clock', () => {
    const past = new Date('2020-01-01T00:00:00Z');
    const { token, claims: issued } = issueAccessToken(f.keys, USER, AUTH, past);
    expect(issued.iat).toBe(past.getTime() / 1000);
    expect(verify(token, new Date(past.getTime() + 100_000)).ok).toBe(true);
    expect(verify(token, NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports expired from the second exp is reached, not before', () => {
    const { token } = issueAccessToken(f.keys, USER, AUTH, NOW);
    expect(verify(token, new Date(NOW.getTime() + 299_999)).ok).toBe(true);
    expect(verify(token, new Date(NOW.getTime() + 300_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports an expired token that is also wrong in another way as invalid', () => {
    const token = forge(header(), claims({ iss: 'elsewhere', exp: NOW_S - 10 }), f.sign);
    expect(verify(token)).toEqual(INVALID);
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg %s (unsigned)', (alg) => {
    expect(verify(forge(header({ alg }), claims()))).toEqual(INVALID);
  });

  it('refuses alg none even when something sits in the signature place', () => {
    expect(verify(forge(header({ alg: 'none' }), claims(), f.sign))).toEqual(INVALID);
  });

  it.each(['nope', '2026-05', '__proto__', 'constructor', 'hasOwnProperty', 'toString'])(
    'refuses an unknown kid (%s)',
    (kid) => {
      expect(verify(forge(header({ kid }), claims(), f.sign))).toEqual(INVALID);
    },
  );

  it('refuses a path-like kid signed with the empty key /dev/null would yield', () => {
    const token = forge(header({ alg: 'HS256', kid: '../../dev/null' }), claims(), hmacWith(''));
    expect(verify(token)).toEqual(INVALID);
    expect(verify(forge(header({ kid: '../../dev/null' }), claims(), f.sign))).toEqual(INVALID);
  });

  it.each([
    ['missing', undefined],
    ['a number', 1],
    ['null', null],
    ['a list', [f.keys.active.kid]],
  ])('refuses a kid that is %s', (_name, kid) => {
    expect(verify(forge(header({ kid }), claims(), f.sign))).toEqual(INVALID);
  });

  it.each([
    ['jku', 'https://evil.example/jwks.json'],
    ['jwk', { kty: 'oct', k: 'AAAA' }],
    ['x5u', 'https://evil.example/cert.pem'],
    ['x5c', ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']],
    ['crit', ['exp']],
  ])('refuses a header carrying %s', (name, value) => {
    expect(verify(forge(header({ [name]: value }), claims(), f.sign))).toEqual(INVALID);
  });

  it('refuses a token signed by another key under our kid', () => {
    const other = f.alg === 'HS256' ? hsFixture() : asymmetricFixture(f.alg);
    expect(verify(forge(header(), claims(), other.sign))).toEqual(INVALID);
  });

  it('refuses a token that is not yet valid (nbf in the future), accepts nbf now', () => {
    expect(verify(forge(header(), claims({ nbf: NOW_S + 1 }), f.sign))).toEqual(INVALID);
    expect(verify(forge(header(), claims({ nbf: NOW_S }), f.sign)).ok).toBe(true);
  });

  it('refuses another issuer or audience', () => {
    const otherIssuer = issueAccessToken(f.keys, USER, { ...AUTH, issuer: 'someone-else' }, NOW).token;
    const otherAudience = issueAccessToken(f.keys, USER, { ...AUTH, audience: 'other-api' }, NOW).token;
    expect(verify(otherIssuer)).toEqual(INVALID);
    expect(verify(otherAudience)).toEqual(INVALID);
    expect(verify(forge(header(), claims({ aud: ['other-api', 'easel-api'] }), f.sign))).toEqual(INVALID);
  });

  it.each(['exp', 'sub', 'iss', 'aud', 'iat', 'jti', 'roles'])('refuses a token without %s', (name) => {
    expect(verify(forge(header(), without(name), f.sign))).toEqual(INVALID);
  });

  it.each([
    ['an empty sub', { sub: '' }],
    ['a string exp', { exp: String(NOW_S + 300) }],
    ['a fractional exp', { exp: NOW_S + 300.5 }],
    ['roles as a string', { roles: 'admin' }],
    ['roles as an object', { roles: { 0: 'admin' } }],
    ['roles holding a number', { roles: [1] }],
    ['roles holding null', { roles: [null] }],
    ['a non-string scope', { scope: ['admin'] }],
  ])('refuses %s', (_name, overrides) => {
    expect(verify(forge(header(), claims(overrides), f.sign))).toEqual(INVALID);
  });

  it('refuses a tampered payload (a role flipped to admin, signature kept)', () => {
    const [head, , signature] = issueAccessToken(f.keys, USER, AUTH, NOW).token.split('.');
    const payload = encode(claims({ roles: ['admin'] }));
    expect(verify(`${head}.${payload}.${signature}`)).toEqual(INVALID);
  });

  it('refuses a stripped signature', () => {
    const [head, payload] = issueAccessToken(f.keys, USER, AUTH, NOW).token.split('.');
    expect(verify(`${head}.${payload}.`)).toEqual(INVALID);
    expect(verify(`${head}.${payload}`)).toEqual(INVALID);
  });

  it.each([
    ['an empty string', ''],
    ['one word', 'not-a-token'],
    ['three junk parts', 'a.b.c'],
    ['only dots', '..'],
    ['a null header', `${encode(null)}.${encode(claims())}.x`],
    ['a list header', `${encode([])}.${encode(claims())}.x`],
    ['a non-JSON payload', `${encode(header())}.${Buffer.from('hi').toString('base64url')}.x`],
    ['an oversized token', `${encode(header())}.${'A'.repeat(9000)}.x`],
  ])('refuses %s without throwing', (_name, token) => {
    expect(verify(token)).toEqual(INVALID);
  });
});

describe('key confusion', () => {
  it('refuses HS256 tokens signed with a public key as the HMAC secret', () => {
    for (const f of fixtures.filter((x) => x.publicPem)) {
      const pem = f.publicPem ?? '';
      for (const secret of [pem, pem.trim(), Buffer.from(pem)]) {
        const token = forge({ alg: 'HS256', typ: 'JWT', kid: f.keys.active.kid }, claims(), hmacWith(secret));
        expect(verifyAccessToken(token, f.keys, AUTH, NOW)).toEqual(INVALID);
      }
    }
  });

  it('refuses an algorithm other than the one the key is pinned to, even with a correct signature', () => {
    const [hs] = fixtures;
    if (!hs) throw new Error('no HS fixture');
    const secret = hs.keys.active.signingKey;
    const token = forge({ alg: 'HS512', typ: 'JWT', kid: hs.keys.active.kid }, claims(), hmacWith(secret, 'sha512'));
    expect(verifyAccessToken(token, hs.keys, AUTH, NOW)).toEqual(INVALID);
  });
});
