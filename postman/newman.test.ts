import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN } from '../server/test/helpers.ts';

interface CollectionItem {
  name: string;
  request?: unknown;
  item?: CollectionItem[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const collection = readJson('./easel.postman_collection.json') as { item: CollectionItem[] };
const environment = readJson('./easel.postman_environment.json') as { values: Array<{ key: string; value: string }> };

/** Needs an admin account, which the API cannot create: run by hand after `npm run db:seed`. */
const ADMIN_FOLDER = 'Admin (needs an admin token)';
const runFolders = collection.item.filter((folder) => folder.name !== ADMIN_FOLDER);

/** Every request in the given items, folders flattened, in run order. */
function requestNames(items: CollectionItem[]): string[] {
  return items.flatMap((item) => (item.request ? [item.name] : requestNames(item.item ?? [])));
}

function runCollection(baseUrl: string): Promise<NewmanRunSummary> {
  const options: NewmanRunOptions = {
    collection: collection as NewmanRunOptions['collection'],
    environment: environment as NewmanRunOptions['environment'],
    // Folders run in the order given, which is the collection's order.
    folder: runFolders.map((folder) => folder.name),
    envVar: [{ key: 'baseUrl', value: baseUrl }],
    reporters: [],
    timeoutRequest: 10_000,
  };
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

describe('the Postman collection', () => {
  let server: Server;
  let baseUrl = '';
  let summary: NewmanRunSummary;

  beforeAll(async () => {
    const t = await buildTestApp();
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    summary = await runCollection(baseUrl);
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('runs every request outside the admin folder against the real app', () => {
    const ran = summary.run.executions.map((execution) => execution.item.name);
    expect(ran).toEqual(requestNames(runFolders));
    expect(runFolders.map((folder) => folder.name)).toEqual(['Health', 'Errors', 'Auth', 'Users', 'Drawings']);
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

  it('keeps the admin folder out of the run', () => {
    const adminFolder = collection.item.find((folder) => folder.name === ADMIN_FOLDER);
    const adminRequests = requestNames(adminFolder?.item ?? []);
    expect(adminRequests.length).toBeGreaterThan(0);
    const ran = new Set(summary.run.executions.map((e) => e.item.name));
    expect(adminRequests.filter((name) => ran.has(name))).toEqual([]);
  });
});
