import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalString as helperCanonical } from '../../../scripts/sign-request.ts';
import { canonicalString as serverCanonical } from '../identity/service-signature.ts';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../../test/helpers.ts';
import { createClient, type TestClient } from '../../test/service-clients.ts';

const run = promisify(execFile);
const docs = await readFile(new URL('../../../docs/service-clients.md', import.meta.url), 'utf8');
const recipe = /<!-- recipe:start -->\s*```bash\n([\s\S]*?)```\s*<!-- recipe:end -->/.exec(docs)?.[1] ?? '';
const toolsPresent = ['/usr/bin/openssl', '/usr/bin/curl'].every((tool) => existsSync(tool));

describe('the TypeScript helper and the server', () => {
  it.each([
    ['GET', '/api/users/1?b=2&a=1&a-b=3&a=0&&c', ''],
    ['POST', '/api/audit-events', '{ "type": "x" }\n'],
    ['DELETE', '/api/service-clients/%7Bid%7D', ''],
  ])('build the same canonical string for %s %s', (method, target, body) => {
    const input = { timestamp: 1767225600, nonce: 'abcdefabcdefabcdef', method, target, body: Buffer.from(body) };
    expect(helperCanonical(input)).toBe(serverCanonical(input));
    expect(serverCanonical(input).split('\n')).toHaveLength(7);
  });

  it('sorts the query by name, then by pair, in byte order', () => {
    const canonical = serverCanonical({
      timestamp: 1,
      nonce: 'n',
      method: 'get',
      target: '/p?b=2&a=1&a-b=3&a=0&&c',
      body: Buffer.alloc(0),
    });
    expect(canonical.split('\n').slice(3, 6)).toEqual(['GET', '/p', 'a=0&a=1&a-b=3&b=2&c']);
  });
});

describe.skipIf(!toolsPresent)('the openssl + curl recipe in docs/service-clients.md', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let client: TestClient;
  let server: Server;
  let base = '';
  let dir = '';
  beforeAll(async () => {
    t = await buildTestApp({ clock: 'system' });
    admin = await loginAs(t, { roles: ['admin'] });
    client = await createClient(t, admin, ['users:read', 'audit:write']);
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'easel-recipe-'));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the documented block as is, then records what it signed for the comparison. */
  async function runRecipe(env: Record<string, string>) {
    const out = join(dir, 'signed');
    const script = `${recipe}\nprintf '%s\\n%s' "$TS" "$NONCE" > "${out}.meta"; printf '%s' "$CANONICAL" > "${out}"\n`;
    const { stdout } = await run('bash', ['-c', script], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        BASE: base,
        CLIENT_ID: client.id,
        SECRET: client.secret,
        ...env,
      },
    });
    const [ts = '', nonce = ''] = (await readFile(`${out}.meta`, 'utf8')).split('\n');
    return { body: JSON.parse(stdout) as Record<string, unknown>, canonical: await readFile(out, 'utf8'), ts, nonce };
  }

  it('is extracted from the page', () => {
    expect(recipe).toContain('openssl dgst -sha256 -hmac');
  });

  it('signs a GET with an unsorted query that the server accepts, over the server’s canonical string', async () => {
    const target = `/api/users/${admin.userId}?b=2&a=1&a-b=3`;
    const signed = await runRecipe({ METHOD: 'GET', TARGET: target });
    expect(signed.body).toMatchObject({ id: admin.userId });
    const expected = serverCanonical({
      timestamp: Number(signed.ts),
      nonce: signed.nonce,
      method: 'GET',
      target,
      body: Buffer.alloc(0),
    });
    expect(signed.canonical).toBe(expected);
  });

  it('signs a POST of a pretty-printed body file, byte for byte', async () => {
    const file = join(dir, 'event.json');
    const bytes = `${JSON.stringify({ type: 'recipe.checked', data: { ok: true } }, null, 2)}\n`;
    await writeFile(file, bytes);
    const signed = await runRecipe({ METHOD: 'POST', TARGET: '/api/audit-events', BODY_FILE: file });
    expect(signed.body).toMatchObject({ type: 'service.recipe.checked' });
    const expected = serverCanonical({
      timestamp: Number(signed.ts),
      nonce: signed.nonce,
      method: 'POST',
      target: '/api/audit-events',
      body: Buffer.from(bytes),
    });
    expect(signed.canonical).toBe(expected);
  });
});
