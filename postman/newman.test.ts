import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../server/test/helpers.ts';

interface CollectionItem {
  name: string;
  request?: unknown;
  item?: CollectionItem[];
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const collection = readJson('./easel.postman_collection.json') as { item: CollectionItem[] };
const environment = readJson('./easel.postman_environment.json');

/** Every request in the collection, folders flattened, in run order. */
function requestNames(items: CollectionItem[]): string[] {
  return items.flatMap((item) => (item.request ? [item.name] : requestNames(item.item ?? [])));
}

function runCollection(baseUrl: string): Promise<NewmanRunSummary> {
  const options: NewmanRunOptions = {
    collection: collection as NewmanRunOptions['collection'],
    environment: environment as NewmanRunOptions['environment'],
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

  it('runs every request against the real app', () => {
    const ran = summary.run.executions.map((execution) => execution.item.name);
    expect(ran).toEqual(requestNames(collection.item));
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
});
