import { describe, expect, it } from 'vitest';
import { buildTestApp, freshDatabase, loginAs, type TestApp } from '../../test/helpers.ts';
import { WEBHOOK_ENV, checkoutCompleted, deliver, stripeSigner } from '../../test/webhooks.ts';
import type { HandlerRegistry } from './handlers.ts';
import { applyCheckoutPlan } from './handlers/checkout-plan.ts';
import { createWebhookWorker, type WebhookWorker } from './worker.ts';

// Two instances of the app on one database, as behind a load balancer. The system clock, so
// that both agree on when an event is due.
const { url } = await freshDatabase();
const a = await buildTestApp({ databaseUrl: url, env: WEBHOOK_ENV, clock: 'system' });
const b = await buildTestApp({ databaseUrl: url, env: WEBHOOK_ENV, clock: 'system' });

/** The real checkout handler, counting its runs per event. */
const runs = new Map<string, number>();
const counting: HandlerRegistry = {
  stripe: {
    'checkout.session.completed': async (event, ctx) => {
      runs.set(event.eventId, (runs.get(event.eventId) ?? 0) + 1);
      await applyCheckoutPlan(event, ctx);
    },
  },
};
const workerA = createWebhookWorker(a, { handlers: counting });
const workerB = createWebhookWorker(b, { handlers: counting });

const planChanges = (t: TestApp, userId: string) =>
  t.db.auditEvent.count({ where: { type: 'user.plan_changed', userId } });

async function expectProcessedOnce(eventId: string, userId: string) {
  const rows = await a.db.webhookEvent.findMany({ where: { provider: 'stripe', eventId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'done', attempts: 1 });
  expect(runs.get(eventId)).toBe(1);
  expect(await planChanges(a, userId)).toBe(1);
  expect((await a.db.user.findUniqueOrThrow({ where: { id: userId } })).plan).toBe('pro');
}

const drainBoth = (workers: WebhookWorker[]) => Promise.all(workers.map((worker) => worker.runDue()));

describe('a delivery repeated ten times', () => {
  it('one after another, with the worker running in between: stored once, processed once', async () => {
    const buyer = await loginAs(a);
    const { eventId, body } = checkoutCompleted(buyer.userId);
    const duplicates: boolean[] = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await deliver(a, stripeSigner, body);
      expect(res.status).toBe(200);
      duplicates.push(res.body.duplicate);
      await workerA.runDue();
    }
    expect(duplicates).toEqual([false, ...Array<boolean>(9).fill(true)]);
    await expectProcessedOnce(eventId, buyer.userId);
  });

  it('all at once, to two instances, while both workers race: stored once, processed once', async () => {
    const buyer = await loginAs(a);
    const { eventId, body } = checkoutCompleted(buyer.userId);
    const deliveries = Array.from({ length: 10 }, (_, i) => deliver(i % 2 ? b : a, stripeSigner, body));
    const answers = await Promise.all([...deliveries, drainBoth([workerA, workerB, workerA, workerB])]);
    const receipts = answers.slice(0, 10) as Awaited<(typeof deliveries)[number]>[];
    expect(receipts.map((res) => res.status)).toEqual(Array(10).fill(200));
    expect(receipts.filter((res) => res.body.duplicate === false)).toHaveLength(1);
    await drainBoth([workerA, workerB]);
    await expectProcessedOnce(eventId, buyer.userId);
  });
});

it('two instances draining one inbox at the same time process each event exactly once', async () => {
  const buyers = await Promise.all(Array.from({ length: 12 }, () => loginAs(a)));
  const events = buyers.map((buyer) => ({ buyer, ...checkoutCompleted(buyer.userId) }));
  for (const { body } of events) expect((await deliver(a, stripeSigner, body)).status).toBe(200);
  const [byA = 0, byB = 0] = await drainBoth([workerA, workerB]);
  expect(byA + byB).toBe(events.length);
  for (const { eventId, buyer } of events) await expectProcessedOnce(eventId, buyer.userId);
});
