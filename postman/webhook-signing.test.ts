import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../server/test/helpers.ts';
import { STANDARD_SECRET, STRIPE_SECRET, WEBHOOK_ENV } from '../server/test/webhooks.ts';

// The pre-request script ships on its own (the collection attaches it to its webhook requests):
// this runs it in newman's real Postman sandbox against the app, whose libraries check the result.
const script = readFileSync(new URL('./webhook-signing.prerequest.js', import.meta.url), 'utf8');

function webhookRequest(name: string, provider: string, body: object) {
  return {
    name,
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: script.split('\n') } }],
    request: {
      method: 'POST',
      url: `{{baseUrl}}/api/webhooks/${provider}`,
      header: [{ key: 'Content-Type', value: 'application/json' }],
      // Pretty-printed, with a dynamic variable: both must reach the server exactly as signed.
      body: { mode: 'raw', raw: JSON.stringify(body, null, 2) },
    },
  };
}

function run(baseUrl: string, variables: Record<string, string>): Promise<NewmanRunSummary> {
  const collection = {
    info: { name: 'webhook signing', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      webhookRequest('Stripe', 'stripe', { id: 'evt_{{$guid}}', object: 'event', type: 'invoice.paid', data: {} }),
      webhookRequest('Standard Webhooks', 'standard', {
        type: 'email.delivered',
        timestamp: '{{$isoTimestamp}}',
        data: {},
      }),
    ],
  };
  const options: NewmanRunOptions = {
    collection: collection as NewmanRunOptions['collection'],
    envVar: Object.entries({ baseUrl, ...variables }).map(([key, value]) => ({ key, value })),
    reporters: [],
    timeoutRequest: 10_000,
  };
  return new Promise((resolve, reject) =>
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary))),
  );
}

const statuses = (summary: NewmanRunSummary) => summary.run.executions.map((e) => e.response?.code);

describe('postman/webhook-signing.prerequest.js', () => {
  let t: TestApp;
  let server: Server;
  let baseUrl = '';
  beforeAll(async () => {
    t = await buildTestApp({ env: WEBHOOK_ENV });
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('signs Stripe and Standard Webhooks deliveries that the server accepts and stores', async () => {
    const summary = await run(baseUrl, { webhookStripeSecret: STRIPE_SECRET, webhookStandardSecret: STANDARD_SECRET });
    expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(statuses(summary)).toEqual([200, 200]);
    const rows = await t.db.webhookEvent.findMany({ orderBy: { provider: 'asc' } });
    expect(rows.map((row) => [row.provider, row.type])).toEqual([
      ['standard', 'email.delivered'],
      ['stripe', 'invoice.paid'],
    ]);
    expect(rows[1]?.eventId).toMatch(/^evt_[0-9a-f-]{36}$/);
  });

  it('signs at webhookTimestamp when given: ten minutes old is refused as out of tolerance', async () => {
    const summary = await run(baseUrl, {
      webhookStripeSecret: STRIPE_SECRET,
      webhookStandardSecret: STANDARD_SECRET,
      webhookTimestamp: String(Math.floor(Date.now() / 1000) - 600),
    });
    expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(statuses(summary)).toEqual([401, 401]);
    const codes = summary.run.executions.map((e) => JSON.parse(e.response?.stream?.toString() ?? '{}').code);
    expect(codes).toEqual(['timestamp_out_of_tolerance', 'timestamp_out_of_tolerance']);
  });

  it('signs with the secret it is given: a wrong one is refused', async () => {
    const summary = await run(baseUrl, {
      webhookStripeSecret: 'whsec_wrong',
      webhookStandardSecret: 'whsec_d3Jvbmcgc2VjcmV0IGZvciB0ZXN0cw==',
    });
    expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(statuses(summary)).toEqual([401, 401]);
  });
});
