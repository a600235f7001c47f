import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  TEST_ORIGIN,
  uniqueEmail,
  type LoggedIn,
  type TestApp,
} from '../server/test/helpers.ts';
import { STANDARD_SECRET, WEBHOOK_ENV } from '../server/test/webhooks.ts';

interface CollectionItem {
  name: string;
  request?: unknown;
  item?: CollectionItem[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const collection = readJson('./easel.postman_collection.json') as { item: CollectionItem[] };
const environment = readJson('./easel.postman_environment.json') as { values: Array<{ key: string; value: string }> };

const ADMIN_FOLDER = 'Admin (needs an admin token)';

/** Every request in the given items, folders flattened, in run order. */
function requestNames(items: CollectionItem[]): string[] {
  return items.flatMap((item) => (item.request ? [item.name] : requestNames(item.item ?? [])));
}

/** Runs every folder, in the collection's order, as the given admin where the folder needs one. */
function runCollection(baseUrl: string, admin: LoggedIn): Promise<NewmanRunSummary> {
  const options: NewmanRunOptions = {
    collection: collection as NewmanRunOptions['collection'],
    environment: environment as NewmanRunOptions['environment'],
    envVar: [
      { key: 'baseUrl', value: baseUrl },
      { key: 'adminEmail', value: admin.email },
      { key: 'adminPassword', value: admin.password },
      { key: 'webhookStandardSecret', value: STANDARD_SECRET },
    ],
    reporters: [],
    timeoutRequest: 10_000,
  };
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

describe('the Postman collection', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let server: Server;
  let baseUrl = '';
  let summary: NewmanRunSummary;

  beforeAll(async () => {
    // The system clock: the Two-step sign-in folder computes an authenticator code from the real
    // time. Configured as `npm run dev` configures itself: a Standard Webhooks secret it knows.
    t = await buildTestApp({ clock: 'system', env: WEBHOOK_ENV });
    // The API cannot make an admin: register one through it and grant the role in the database,
    // as `npm run db:seed` would.
    admin = await loginAs(t, { roles: ['admin'], email: uniqueEmail('postman-admin') });
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    summary = await runCollection(baseUrl, admin);
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('runs every request of every folder, the admin one included, against the real app', () => {
    const ran = summary.run.executions.map((execution) => execution.item.name);
    expect(ran).toEqual(requestNames(collection.item));
    // Folders run in their files' order (postman/src/folders): sign-up first, the admin's last.
    const folders = collection.item.map((folder) => folder.name);
    const asAdmin = folders.filter((name) => name.endsWith('(needs an admin token)'));
    expect(folders.slice(0, 4)).toEqual(['Health', 'API reference', 'Errors', 'Auth']);
    expect(asAdmin).toContain(ADMIN_FOLDER);
    expect(folders.slice(-asAdmin.length)).toEqual(asAdmin);
    // The environment's baseUrl (port 3000) must not win over this app's port.
    const elsewhere = summary.run.executions.map((e) => e.request.url.toString()).filter((u) => !u.startsWith(baseUrl));
    expect(elsewhere).toEqual([]);
    expect(summary.run.stats.requests.failed).toBe(0);
  });

  it('passes every assertion, and every request has some', () => {
    const failures = summary.run.failures.map(
      (failure) => `${failure.source?.name ?? failure.at}: ${failure.error.test ?? ''} ${failure.error.message}`,
    );
    expect(failures.join('\n')).toBe('');
    expect(summary.run.stats.assertions.failed).toBe(0);
    const untested = summary.run.executions.filter((e) => e.assertions.length === 0).map((e) => e.item.name);
    expect(untested).toEqual([]);
  });

  it('calls the cookie endpoints as the SPA would: allowed Origin, custom header, the cookie', () => {
    expect(environment.values.find((v) => v.key === 'appOrigin')?.value).toBe(TEST_ORIGIN);
    const cookieCalls = summary.run.executions.filter((e) =>
      /\/api\/auth\/(refresh|logout)$/.test(e.request.url.getPath()),
    );
    expect(cookieCalls.map((e) => e.item.name)).toEqual(['Refresh', 'Logout', 'Refresh after logout']);
    for (const call of cookieCalls) {
      expect(call.request.headers.get('Origin')).toBe(TEST_ORIGIN);
      expect(call.request.headers.get('X-Requested-With')).toBe('easel');
      expect(call.request.headers.get('Cookie')).toMatch(/^easel_refresh=[\w-]{43}$/);
    }
  });

  it('runs the admin folder as the admin: its changes are in the database, made by that admin', async () => {
    const byAdmin = await t.db.auditEvent.findMany({ where: { actorId: admin.userId }, orderBy: { id: 'asc' } });
    expect(byAdmin.map((event) => event.type)).toEqual([
      'mfa.reset',
      'user.deactivated',
      'user.activated',
      'role.created',
      'role.granted',
      'role.revoked',
      'role.deleted',
      'user.deleted',
      'service_client.created',
      'service_client.revoked',
    ]);
    // The folder cleans up after itself: the target user and the role it made are gone.
    const deleted = byAdmin.find((event) => event.type === 'user.deleted');
    const targetId = (deleted?.data as { userId?: string } | null)?.userId;
    expect(targetId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await t.db.user.findUnique({ where: { id: targetId ?? '' } })).toBeNull();
    expect(await t.db.role.count({ where: { name: { startsWith: 'pm-' } } })).toBe(0);
  });
});
