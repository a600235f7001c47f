import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import express from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { ConfigError } from '../config.ts';
import { createErrorHandler } from '../http/error-handler.ts';
import { assignRequestId } from '../http/request-id.ts';
import { jwksFeature } from '../auth/jwks.routes.ts';
import { mountFeatures } from '../http/routes.ts';
import { loadKeySet, type KeySet } from './keys.ts';
import { issueAccessToken, verifyAccessToken } from './tokens.ts';

const AUTH = { issuer: 'easel', audience: 'easel-api', accessTokenTtl: 300 };
const NOW = new Date('2026-06-01T12:00:00Z');
const DEV = { production: false };

const rsa = () => pems(generateKeyPairSync('rsa', { modulusLength: 2048 }));
const p256 = () => pems(generateKeyPairSync('ec', { namedCurve: 'P-256' }));
const RS_A = rsa();
const RS_B = rsa();
const ES_A = p256();
const SECRET = randomBytes(48).toString('base64');

function pems(pair: { privateKey: KeyObject; publicKey: KeyObject }) {
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function fromKeys(entries: object[], options = DEV) {
  return loadKeySet({ jwtKeys: JSON.stringify(entries) }, options);
}

function roundTrip(signer: KeySet, verifier: KeySet = signer) {
  const { token } = issueAccessToken(signer, { userId: 'u1', roles: ['user'] }, AUTH, NOW);
  return verifyAccessToken(token, verifier, AUTH, NOW);
}

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadKeySet from JWT_SECRET', () => {
  it('makes one active HS256 key whose kid every instance with the same secret agrees on', () => {
    const a = loadKeySet({ jwtSecret: SECRET }, DEV);
    const b = loadKeySet({ jwtSecret: SECRET }, DEV);
    expect(a.ephemeral).toBe(false);
    expect(a.active).toMatchObject({ alg: 'HS256', status: 'active' });
    expect(a.active.kid).toMatch(/^hs-[\w-]{16}$/);
    expect(b.active.kid).toBe(a.active.kid);
    expect(a.active.kid).not.toContain(SECRET.slice(0, 8));
    expect(loadKeySet({ jwtSecret: `${SECRET}x` }, DEV).active.kid).not.toBe(a.active.kid);
    expect(a.active.signingKey.type).toBe('secret');
    expect(a.find(a.active.kid)).toBeDefined();
    expect(roundTrip(a, b).ok).toBe(true);
  });

  it('uses the secret bytes as given, so a token signed with the plain string verifies', () => {
    const keys = loadKeySet({ jwtSecret: SECRET }, DEV);
    const token = jwt.sign(
      { sub: 'u1', iss: 'easel', aud: 'easel-api', iat: 1_780_315_200, exp: 1_780_315_500, jti: 'j', roles: [] },
      SECRET,
      { algorithm: 'HS256', keyid: keys.active.kid },
    );
    expect(verifyAccessToken(token, keys, AUTH, NOW).ok).toBe(true);
  });

  it('falls back to a random ephemeral key outside production, different on every start', () => {
    const a = loadKeySet({}, DEV);
    const b = loadKeySet({}, DEV);
    expect(a.ephemeral).toBe(true);
    expect(a.active.alg).toBe('HS256');
    expect(a.active.kid).not.toBe(b.active.kid);
    expect(roundTrip(a, b)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses to start in production without a key or with a weak secret', () => {
    expect(configError(() => loadKeySet({}, { production: true })).message).toMatch(/required in production/);
    expect(configError(() => loadKeySet({ jwtSecret: 'short' }, { production: true })).message).toMatch(/too short/);
  });

  it('prefers JWT_KEYS over JWT_SECRET', () => {
    const keys = loadKeySet(
      {
        jwtSecret: SECRET,
        jwtKeys: JSON.stringify([{ kid: 'k1', alg: 'RS256', status: 'active', privateKey: RS_A.privateKey }]),
      },
      DEV,
    );
    expect(keys.active).toMatchObject({ kid: 'k1', alg: 'RS256' });
    expect(keys.find(loadKeySet({ jwtSecret: SECRET }, DEV).active.kid)).toBeUndefined();
  });
});

describe('loadKeySet from JWT_KEYS', () => {
  it('loads an RS256 set: the active key signs, a verify-only key needs only its public half', () => {
    const keys = fromKeys([
      { kid: '2026-11', alg: 'RS256', privateKey: RS_A.privateKey, status: 'active' },
      { kid: '2026-05', alg: 'RS256', publicKey: RS_B.publicKey, status: 'verify' },
    ]);
    expect(keys.ephemeral).toBe(false);
    expect(keys.active).toMatchObject({ kid: '2026-11', alg: 'RS256', status: 'active' });
    expect(keys.active.signingKey.type).toBe('private');
    expect(keys.active.verifyKey.type).toBe('public');
    expect(keys.find('2026-05')).toMatchObject({ alg: 'RS256', status: 'verify' });
    expect(keys.find('2026-05')?.signingKey).toBeUndefined();
    expect(keys.find('2026-05')?.verifyKey.type).toBe('public');
    expect(roundTrip(keys).ok).toBe(true);
  });

  it('loads an ES256 set and an RS256/ES256 mix', () => {
    const es = fromKeys([{ kid: 'es', alg: 'ES256', privateKey: ES_A.privateKey, status: 'active' }]);
    expect(es.active.alg).toBe('ES256');
    expect(roundTrip(es).ok).toBe(true);
    const mixed = fromKeys([
      { kid: 'es', alg: 'ES256', privateKey: ES_A.privateKey, status: 'active' },
      { kid: 'rs', alg: 'RS256', publicKey: RS_A.publicKey, status: 'verify' },
    ]);
    expect(mixed.find('rs')?.alg).toBe('RS256');
  });

  it('loads HS256 secrets, at least 32 bytes each', () => {
    const keys = fromKeys([
      { kid: 'k2', alg: 'HS256', secret: randomBytes(32).toString('hex'), status: 'active' },
      { kid: 'k1', alg: 'HS256', secret: SECRET, status: 'verify' },
    ]);
    expect(keys.active.kid).toBe('k2');
    expect(keys.find('k1')?.signingKey).toBeUndefined();
    expect(roundTrip(keys).ok).toBe(true);
  });

  const active = { kid: 'a', alg: 'RS256', privateKey: RS_A.privateKey, status: 'active' };
  const weakRsa = pems(generateKeyPairSync('rsa', { modulusLength: 1024 }));
  const p384 = pems(generateKeyPairSync('ec', { namedCurve: 'P-384' }));
  it.each([
    ['no active key', [{ ...active, status: 'verify' }], /exactly one active key \(found 0\)/],
    ['two active keys', [active, { ...active, kid: 'b' }], /exactly one active key \(found 2\)/],
    ['an empty list', [], /at least one key/],
    ['HS256 mixed with RS256', [active, { kid: 'h', alg: 'HS256', secret: SECRET, status: 'verify' }], /mix/],
    ['HS256 mixed with ES256', [{ kid: 'h', alg: 'HS256', secret: SECRET, status: 'active' }, esVerify()], /mix/],
    ['a duplicate kid', [active, { kid: 'a', alg: 'RS256', publicKey: RS_B.publicKey, status: 'verify' }], /unique/],
    ['a path-like kid', [{ ...active, kid: '../../dev/null' }], /\[0\]\.kid: must be 1-64/],
    ['a 65-character kid', [{ ...active, kid: 'k'.repeat(65) }], /\[0\]\.kid/],
    ['alg none', [{ ...active, alg: 'none' }], /\[0\]\.alg/],
    ['alg HS512', [{ kid: 'h', alg: 'HS512', secret: SECRET, status: 'active' }], /\[0\]\.alg/],
    ['a misspelt field', [{ ...active, private_key: 'x' }], /Unrecognized key/],
    [
      'an active key with only a public key',
      [{ ...active, privateKey: undefined, publicKey: RS_A.publicKey }],
      /needs its privateKey/,
    ],
    ['a key with both halves', [{ ...active, publicKey: RS_A.publicKey }], /exactly one of/],
    [
      'an HS256 secret under 32 bytes',
      [{ kid: 'h', alg: 'HS256', secret: 'x'.repeat(31), status: 'active' }],
      /shorter than 32/,
    ],
    ['HS256 given a PEM', [{ ...active, alg: 'HS256' }], /HS256 takes a secret/],
    ['RS256 given a secret', [{ kid: 'r', alg: 'RS256', secret: SECRET, status: 'active' }], /takes a PEM/],
    ['an unreadable PEM', [{ ...active, privateKey: 'not a key' }], /privateKey is not a readable/],
    ['RS256 with an EC key', [{ ...active, privateKey: ES_A.privateKey }], /RS256 needs an RSA key/],
    ['a 1024-bit RSA key', [{ ...active, privateKey: weakRsa.privateKey }], /at least 2048 bits/],
    ['ES256 on P-384', [{ ...active, alg: 'ES256', privateKey: p384.privateKey }], /P-256/],
  ])('refuses %s with a one-line ConfigError', (_name, entries, reason) => {
    const err = configError(() => fromKeys(entries));
    expect(err.message).toMatch(reason);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toMatch(/BEGIN|PRIVATE/);
  });

  it.each([
    ['malformed JSON', `[{"kid":"a","privateKey":"${RS_A.privateKey.slice(0, 80)}`, /not valid JSON/],
    ['a single object', JSON.stringify(active), /JWT_KEYS: .*expected array/],
  ])('refuses %s with a one-line ConfigError that quotes no key material', (_name, jwtKeys, reason) => {
    const err = configError(() => loadKeySet({ jwtKeys }, DEV));
    expect(err.message).toMatch(reason);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain('MII');
  });

  it('applies the production secret rules to HS256 secrets in JWT_KEYS', () => {
    const entries = [{ kid: 'h', alg: 'HS256', secret: 'ab'.repeat(20), status: 'active' }];
    expect(fromKeys(entries).active.kid).toBe('h');
    expect(configError(() => fromKeys(entries, { production: true })).message).toMatch(/too weak/);
  });
});

function esVerify() {
  return { kid: 'e', alg: 'ES256', publicKey: ES_A.publicKey, status: 'verify' };
}

describe('JWKS', () => {
  const rsEntry = { kid: 'rs-1', alg: 'RS256', privateKey: RS_A.privateKey, status: 'active' };
  const keys = fromKeys([rsEntry, esVerify()]);
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

  it('lists the public halves of RS256 and ES256 keys with kid, alg and use', () => {
    const { keys: jwks } = keys.publicJwks() as { keys: Record<string, string>[] };
    expect(jwks).toEqual([
      { kid: 'rs-1', alg: 'RS256', use: 'sig', kty: 'RSA', n: expect.any(String), e: 'AQAB' },
      { kid: 'e', alg: 'ES256', use: 'sig', kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) },
    ]);
    for (const jwk of jwks) for (const member of privateMembers) expect(jwk).not.toHaveProperty(member);
    const { d } = createPrivateKey(RS_A.privateKey).export({ format: 'jwk' });
    expect(d).toBeTruthy();
    expect(JSON.stringify(jwks)).not.toContain(d);
  });

  it('publishes keys that verify our tokens', () => {
    const { token } = issueAccessToken(keys, { userId: 'u1', roles: [] }, AUTH, NOW);
    const jwk = (keys.publicJwks().keys as { kid: string }[]).find((k) => k.kid === 'rs-1');
    const publicKey = createPublicKey({ key: jwk as never, format: 'jwk' });
    expect(jwt.verify(token, publicKey, { algorithms: ['RS256'], clockTimestamp: NOW.getTime() / 1000 })).toMatchObject(
      {
        sub: 'u1',
      },
    );
  });

  it('never lists HS256 secrets', () => {
    const secret = randomBytes(40).toString('hex');
    const hs = fromKeys([{ kid: 'h', alg: 'HS256', secret, status: 'active' }]);
    expect(hs.publicJwks()).toEqual({ keys: [] });
    expect(loadKeySet({ jwtSecret: SECRET }, DEV).publicJwks()).toEqual({ keys: [] });
  });

  it('is served at /.well-known/jwks.json with a public five-minute cache, other methods 405', async () => {
    const app = express().use(assignRequestId);
    mountFeatures(app, [jwksFeature({ keys })]);
    app.use(createErrorHandler(winston.createLogger({ silent: true })));
    const res = await request(app).get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(keys.publicJwks())));
    const post = await request(app).post('/.well-known/jwks.json');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('rotation', () => {
  const old = { kid: '2026-05', alg: 'RS256', status: 'active', privateKey: RS_A.privateKey };
  const next = { kid: '2026-11', alg: 'RS256', status: 'active', privateKey: RS_B.privateKey };

  it('keeps tokens of the previous key valid while it is listed as verify-only, then refuses them', () => {
    const before = fromKeys([old]);
    const { token } = issueAccessToken(before, { userId: 'u1', roles: ['user'] }, AUTH, NOW);

    const during = fromKeys([next, { kid: old.kid, alg: 'RS256', status: 'verify', publicKey: RS_A.publicKey }]);
    expect(verifyAccessToken(token, during, AUTH, NOW)).toMatchObject({ ok: true, claims: { sub: 'u1' } });
    const fresh = issueAccessToken(during, { userId: 'u1', roles: ['user'] }, AUTH, NOW).token;
    expect(jwt.decode(fresh, { complete: true })?.header.kid).toBe('2026-11');
    expect(verifyAccessToken(fresh, before, AUTH, NOW)).toEqual({ ok: false, reason: 'invalid' });

    const after = fromKeys([next]);
    expect(verifyAccessToken(token, after, AUTH, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken(fresh, after, AUTH, NOW).ok).toBe(true);
  });
});
