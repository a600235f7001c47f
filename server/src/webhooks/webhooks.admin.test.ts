import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn } from '../../test/helpers.ts';
import { WEBHOOK_ENV, checkoutCompleted, deliver, standardSigner, stripeSigner } from '../../test/webhooks.ts';
import { createWebhookWorker } from './worker.ts';

const t = await buildTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_MAX_ATTEMPTS: '1' } });
let handlerBroken = true;
const worker = createWebhookWorker(t, {
  handlers: {
    stripe: {
      'checkout.session.completed': async () => {
        if (handlerBroken) throw new Error('price not found');
      },
    },
  },
});

let admin: LoggedIn;
let failedId: string;
let failedEventId: string;
beforeAll(async () => {
  admin = await loginAs(t, { roles: ['admin'] });
  // One failed, then one done (ignored: no handler), then one pending, newest last.
  const failing = checkoutCompleted(admin.userId);
  await deliver(t, stripeSigner, failing.body);
  await worker.runDue();
  t.clock.advance(1);
  await deliver(t, standardSigner, standardSigner.event('email.opened', {}).body);
  await worker.runDue();
  t.clock.advance(1);
  await deliver(t, stripeSigner, stripeSigner.event('invoice.paid', {}).body);
  const row = await t.db.webhookEvent.findUniqueOrThrow({
    where: { provider_eventId: { provider: 'stripe', eventId: failing.eventId } },
  });
  failedId = row.id;
  failedEventId = failing.eventId;
});

const list = (query: string, auth = admin.auth) => request(t.app).get(`/api/webhooks/events${query}`).set(auth);
const retry = (id: string, auth = admin.auth) => request(t.app).post(`/api/webhooks/events/${id}/retry`).set(auth);

describe('GET /api/webhooks/events', () => {
  it('shows admins the failed events, with why they failed, and no payload', async () => {
    const res = await list('?status=failed');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          id: failedId,
          provider: 'stripe',
          eventId: failedEventId,
          type: 'checkout.session.completed',
          status: 'failed',
          attempts: 1,
          lastError: 'Error: price not found',
          receivedAt: expect.any(String),
          nextAttemptAt: expect.any(String),
          processedAt: null,
        },
      ],
      nextCursor: null,
    });
  });

  it('lists every event newest first, a page at a time, and filters by provider', async () => {
    const first = await list('?limit=2');
    expect(first.body.items.map((e: { status: string }) => e.status)).toEqual(['pending', 'ignored']);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: failedId }], nextCursor: null });
    const standard = await list('?provider=standard');
    expect(standard.body.items.map((e: { type: string }) => e.type)).toEqual(['email.opened']);
  });

  it('refuses other users, and an unknown status', async () => {
    const user = await loginAs(t);
    expect((await list('', user.auth)).status).toBe(403);
    expect((await request(t.app).get('/api/webhooks/events')).status).toBe(401);
    const bad = await list('?status=lost');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('status');
  });
});

describe('POST /api/webhooks/events/:id/retry', () => {
  it('refuses users, unknown events and events that have not failed', async () => {
    const user = await loginAs(t);
    expect((await retry(failedId, user.auth)).status).toBe(403);
    expect((await retry('00000000-0000-4000-8000-000000000000')).body.code).toBe('not_found');
    const [pending] = (await list('?status=pending')).body.items;
    const notFailed = await retry(pending.id);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.code).toBe('webhook_not_failed');
    expect(await t.db.auditEvent.count({ where: { type: 'webhook.retried' } })).toBe(0);
  });

  it('gives a failed event a fresh set of attempts, due now, audited; the worker then processes it', async () => {
    const res = await retry(failedId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: failedId, status: 'pending', attempts: 0 });
    expect(res.body.nextAttemptAt).toBe(t.clock.now().toISOString());
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { type: 'webhook.retried' } });
    expect(audit).toMatchObject({ actorId: admin.userId, data: { provider: 'stripe', eventId: failedEventId } });
    handlerBroken = false;
    await worker.runDue();
    expect((await list('?status=failed')).body.items).toEqual([]);
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: failedId } });
    expect(row).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect((await retry(failedId)).status).toBe(409);
  });
});
