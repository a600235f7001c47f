import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import {
  buildTestApp,
  freshDatabase,
  loginAs,
  serviceAnswers,
  TEST_REDIS_URL,
  testEnv,
  type TestApp,
} from '../../test/helpers.ts';
import { createClient, signed, type TestClient } from '../../test/service-clients.ts';

// Skipped without Redis on a developer's machine; under CI=true a missing Redis fails this file.
const redisUp = await serviceAnswers('Redis', TEST_REDIS_URL, 6379);

const key = () => randomBytes(32).toString('base64');

describe.skipIf(!redisUp)('two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let client: TestClient;
  let userId: string;
  beforeAll(async () => {
    const { url } = await freshDatabase();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `easel-test-${randomBytes(4).toString('hex')}`,
      SERVICE_CLIENT_KEYS: `k1:${key()}`,
    };
    a = await buildTestApp({ databaseUrl: url, env });
    b = await buildTestApp({ databaseUrl: url, env });
    const admin = await loginAs(a, { roles: ['admin'] });
    userId = admin.userId;
    client = await createClient(a, admin, ['users:read']);
  });

  it('refuse a nonce replayed from one instance to the other', async () => {
    const nonce = randomBytes(16).toString('hex');
    const first = await signed(a, client, 'GET', `/api/users/${userId}`, undefined, { nonce });
    expect(first.status).toBe(200);
    const replayed = await signed(b, client, 'GET', `/api/users/${userId}`, undefined, { nonce });
    expect([replayed.status, replayed.body.code]).toEqual([401, 'nonce_reused']);
  });

  it('both verify a client created on one of them (one sealing key)', async () => {
    expect((await signed(b, client, 'GET', `/api/users/${userId}`)).status).toBe(200);
  });
});

describe('SERVICE_CLIENT_KEYS rotation', () => {
  const [k1, k2] = [key(), key()];
  let url: string;
  let client: TestClient;
  let userId: string;
  beforeAll(async () => {
    url = (await freshDatabase()).url;
    const old = await buildTestApp({ databaseUrl: url, env: { SERVICE_CLIENT_KEYS: `k1:${k1}` } });
    const admin = await loginAs(old, { roles: ['admin'] });
    userId = admin.userId;
    client = await createClient(old, admin, ['users:read']);
  });

  it('opens secrets sealed with an older key and reseals them with the first key on use', async () => {
    const rotated = await buildTestApp({ databaseUrl: url, env: { SERVICE_CLIENT_KEYS: `k2:${k2},k1:${k1}` } });
    expect((await rotated.db.serviceClient.findUniqueOrThrow({ where: { id: client.id } })).secretKeyId).toBe('k1');
    expect((await signed(rotated, client, 'GET', `/api/users/${userId}`)).status).toBe(200);
    expect((await rotated.db.serviceClient.findUniqueOrThrow({ where: { id: client.id } })).secretKeyId).toBe('k2');
    const retired = await buildTestApp({ databaseUrl: url, env: { SERVICE_CLIENT_KEYS: `k2:${k2}` } });
    expect((await signed(retired, client, 'GET', `/api/users/${userId}`)).status).toBe(200);
  });

  it('refuses, and logs which key is missing, when no configured key opens the secret', async () => {
    const lost = await buildTestApp({ databaseUrl: url, env: { SERVICE_CLIENT_KEYS: `k3:${key()}` } });
    const messages: string[] = [];
    lost.logger.on('data', (info: { message: string; keyId?: string }) =>
      messages.push(`${info.message} ${info.keyId}`),
    );
    const res = await signed(lost, client, 'GET', `/api/users/${userId}`);
    expect([res.status, res.body.code]).toEqual([401, 'signature_mismatch']);
    expect(messages.join('\n')).toMatch(/does not open.*k2/);
    expect(messages.join('\n')).not.toContain(client.secret);
  });

  it('refuses malformed keys at start with a one-line error', () => {
    for (const value of ['k1', `k1:${randomBytes(16).toString('base64')}`, `k1:${k1},k1:${k2}`, `bad id:${k1}`]) {
      expect(() => loadConfig(testEnv({ SERVICE_CLIENT_KEYS: value })), value).toThrow(ConfigError);
    }
    expect(() =>
      loadConfig({
        ...testEnv({ SERVICE_CLIENT_KEYS: 'k1:change-me-change-me-change-me-change-me-ab=' }),
        NODE_ENV: 'production',
      }),
    ).toThrow(/SERVICE_CLIENT_KEYS is still the example value/);
  });
});
