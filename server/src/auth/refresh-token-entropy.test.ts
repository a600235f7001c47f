import type * as NodeCrypto from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, FROM_APP, loginAs, refreshCookieOf, type TestApp } from '../../test/helpers.ts';
import { hashRefreshToken } from '../identity/refresh-families.ts';

// Every buffer node:crypto's randomBytes hands out in this file, to tell a CSPRNG token from one
// that merely looks random. The real function still makes the bytes.
const drawn = vi.hoisted(() => [] as Buffer[]);
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof NodeCrypto>();
  const randomBytes = (...args: Parameters<typeof crypto.randomBytes>) => {
    const bytes = (crypto.randomBytes as (...a: unknown[]) => unknown)(...args);
    if (Buffer.isBuffer(bytes)) drawn.push(bytes);
    return bytes;
  };
  return { ...crypto, randomBytes, default: { ...crypto, randomBytes } };
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});

describe('refresh tokens (reference tokens)', () => {
  it('are 32 bytes (256 bits) straight from crypto.randomBytes, and never repeat', async () => {
    const user = await loginAs(t);
    const tokens = [user.refreshToken];
    for (let i = 0; i < 40; i += 1) {
      const res = await request(t.app)
        .post('/api/auth/refresh')
        .set(FROM_APP)
        .set('Cookie', `easel_refresh=${tokens.at(-1)}`);
      tokens.push(refreshCookieOf(res));
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      const bytes = Buffer.from(token, 'base64url');
      expect(bytes).toHaveLength(32);
      expect(bytes.toString('base64url')).toBe(token);
      expect(drawn.some((b) => b.equals(bytes))).toBe(true);
    }
  });

  it('are stored only as a SHA-256 hash under a unique index', async () => {
    const user = await loginAs(t);
    const row = await t.db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashRefreshToken(user.refreshToken) },
    });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const copy = { familyId: row.familyId, tokenHash: row.tokenHash, expiresAt: row.expiresAt };
    await expect(t.db.refreshToken.create({ data: copy })).rejects.toMatchObject({ code: 'P2002' });
  });
});
