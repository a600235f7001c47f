import { describe, expect, it } from 'vitest';
import { buildTestApp, freshDatabase, loginAs, type TestApp } from '../../test/helpers.ts';
import { WEBHOOK_ENV, checkoutCompleted, deliver, standardSigner, stripeSigner } from '../../test/webhooks.ts';
import type { HandlerRegistry, WebhookHandler } from './handlers.ts';
import { applyCheckoutPlan } from './handlers/checkout-plan.ts';
import { claimNext } from './inbox.ts';
import { createWebhookWorker, LEASE_SECONDS } from './worker.ts';

const t = await buildTestApp({ env: WEBHOOK_ENV });
const worker = createWebhookWorker(t);

const onCheckout = (handler: WebhookHandler): HandlerRegistry => ({
  stripe: { 'checkout.session.completed': handler },
});
const eventRow = (t: TestApp, eventId: string) =>
  t.db.webhookEvent.findUniqueOrThrow({ where: { provider_eventId: { provider: 'stripe', eventId } } });
const planOf = async (t: TestApp, userId: string) =>
  (await t.db.user.findUniqueOrThrow({ where: { id: userId } })).plan;
const planChanges = (t: TestApp, userId: string) =>
  t.db.auditEvent.count({ where: { type: 'user.plan_changed', userId } });

describe('the checkout handler', () => {
  it('gives the buyer the plan their checkout bought, once, audited', async () => {
    const buyer = await loginAs(t);
    expect(await planOf(t, buyer.userId)).toBe('free');
    const { eventId, body } = checkoutCompleted(buyer.userId, 'team');
    expect((await deliver(t, stripeSigner, body)).status).toBe(200);
    expect(await planOf(t, buyer.userId)).toBe('free');
    expect(await worker.runDue()).toBe(1);
    expect(await planOf(t, buyer.userId)).toBe('team');
    const row = await eventRow(t, eventId);
    expect(row).toMatchObject({ status: 'done', attempts: 1, lastError: null, processedAt: t.clock.now() });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { type: 'user.plan_changed', userId: buyer.userId },
    });
    expect(audit.data).toEqual({ plan: 'team', provider: 'stripe', eventId });
  });

  it('waits for the money: an unpaid checkout changes nothing, its async_payment_succeeded sets the plan', async () => {
    const buyer = await loginAs(t);
    const unpaid = checkoutCompleted(buyer.userId, 'pro', 'unpaid');
    expect((await deliver(t, stripeSigner, unpaid.body)).status).toBe(200);
    await worker.runDue();
    expect(await eventRow(t, unpaid.eventId)).toMatchObject({ status: 'done' });
    expect(await planOf(t, buyer.userId)).toBe('free');
    const session = JSON.parse(unpaid.body).data.object;
    const paid = stripeSigner.event('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' });
    expect((await deliver(t, stripeSigner, paid.body)).status).toBe(200);
    await worker.runDue();
    expect(await planOf(t, buyer.userId)).toBe('pro');
  });
});

it('marks an event of a type without a handler as ignored', async () => {
  const { eventId, body } = standardSigner.event('email.delivered', { to: 'someone@example.com' });
  expect((await deliver(t, standardSigner, body)).status).toBe(200);
  await worker.runDue();
  const row = await t.db.webhookEvent.findUniqueOrThrow({
    where: { provider_eventId: { provider: 'standard', eventId } },
  });
  expect(row).toMatchObject({ status: 'ignored', attempts: 1, processedAt: t.clock.now() });
});

describe('a failing handler', () => {
  it('that fails twice, then succeeds, processes the event once, each retry after its backoff', async () => {
    let calls = 0;
    const flaky = createWebhookWorker(t, {
      handlers: onCheckout(async (event, ctx) => {
        calls += 1;
        if (calls <= 2) throw new Error(`provider API timed out (${calls})`);
        await applyCheckoutPlan(event, ctx);
      }),
    });
    const buyer = await loginAs(t);
    const { eventId, body } = checkoutCompleted(buyer.userId);
    await deliver(t, stripeSigner, body);
    const delay = t.config.webhooks.retryDelaySeconds;

    expect(await flaky.runDue()).toBe(1);
    expect(await eventRow(t, eventId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Error: provider API timed out (1)',
    });
    t.clock.advance(delay - 1);
    expect(await flaky.runDue()).toBe(0);
    t.clock.advance(1);
    expect(await flaky.runDue()).toBe(1);
    expect(await eventRow(t, eventId)).toMatchObject({ status: 'pending', attempts: 2 });
    // The second retry waits twice as long.
    t.clock.advance(2 * delay - 1);
    expect(await flaky.runDue()).toBe(0);
    t.clock.advance(1);
    expect(await flaky.runDue()).toBe(1);

    expect(calls).toBe(3);
    expect(await eventRow(t, eventId)).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(await planChanges(t, buyer.userId)).toBe(1);
    t.clock.advance(24 * 3600);
    expect(await flaky.runDue()).toBe(0);
  });

  it('leaves nothing of what it wrote before it threw', async () => {
    const buyer = await loginAs(t);
    const halfway = createWebhookWorker(t, {
      handlers: onCheckout(async (event, ctx) => {
        await applyCheckoutPlan(event, ctx);
        throw new Error('failed after writing');
      }),
    });
    const { eventId, body } = checkoutCompleted(buyer.userId);
    await deliver(t, stripeSigner, body);
    await halfway.runDue();
    expect(await eventRow(t, eventId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await planOf(t, buyer.userId)).toBe('free');
    expect(await planChanges(t, buyer.userId)).toBe(0);
  });

  it('fails the event for good after WEBHOOK_MAX_ATTEMPTS, audited, and keeps it for a retry', async () => {
    const strict = await buildTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_MAX_ATTEMPTS: '2' } });
    const broken = createWebhookWorker(strict, {
      handlers: onCheckout(() => Promise.reject(new Error('no such price'))),
    });
    const { eventId, body } = checkoutCompleted((await loginAs(strict)).userId);
    await deliver(strict, stripeSigner, body);
    await broken.runDue();
    strict.clock.advance(strict.config.webhooks.retryDelaySeconds);
    await broken.runDue();
    expect(await eventRow(strict, eventId)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'Error: no such price',
    });
    strict.clock.advance(7 * 24 * 3600);
    expect(await broken.runDue()).toBe(0);
    const audits = await strict.db.auditEvent.findMany({ where: { type: 'webhook.failed' } });
    expect(audits.map((audit) => audit.data)).toEqual([
      { provider: 'stripe', eventId, type: 'checkout.session.completed', attempts: 2, error: 'Error: no such price' },
    ]);
  });
});

describe('stopping and restarting', () => {
  it('the started worker processes deliveries by itself, and stop() lets the event in hand finish', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const inHandler = new Promise<void>((resolve) => (started = resolve));
    const running = createWebhookWorker(t, {
      pollIntervalMs: 10,
      handlers: onCheckout(async (event, ctx) => {
        started();
        await held;
        await applyCheckoutPlan(event, ctx);
      }),
    });
    const buyer = await loginAs(t);
    const first = checkoutCompleted(buyer.userId, 'pro');
    const second = checkoutCompleted(buyer.userId, 'team');
    running.start();
    await deliver(t, stripeSigner, first.body);
    await inHandler;
    await deliver(t, stripeSigner, second.body);
    const stopped = running.stop();
    release();
    await stopped;
    expect(await eventRow(t, first.eventId)).toMatchObject({ status: 'done' });
    expect(await eventRow(t, second.eventId)).toMatchObject({ status: 'pending', attempts: 0 });
    // What the stopped worker left is the next worker's, on this instance or another.
    expect(await worker.runDue()).toBe(1);
    expect(await planOf(t, buyer.userId)).toBe('team');
  });

  it('loses nothing when an instance dies holding an event: another instance takes it once the lease is over', async () => {
    const { url } = await freshDatabase();
    const dying = await buildTestApp({ databaseUrl: url, env: WEBHOOK_ENV });
    const buyer = await loginAs(dying);
    const { eventId, body } = checkoutCompleted(buyer.userId);
    await deliver(dying, stripeSigner, body);
    // Claimed, then the process is gone before the handler's transaction commits.
    const now = dying.clock.now();
    expect(await claimNext(dying.db, now, new Date(now.getTime() + LEASE_SECONDS * 1000))).toBeDefined();
    await dying.close();

    const next = await buildTestApp({ databaseUrl: url, env: WEBHOOK_ENV });
    const nextWorker = createWebhookWorker(next);
    expect(await nextWorker.runDue()).toBe(0);
    next.clock.advance(LEASE_SECONDS);
    expect(await nextWorker.runDue()).toBe(1);
    expect(await eventRow(next, eventId)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await planOf(next, buyer.userId)).toBe('pro');
    expect(await planChanges(next, buyer.userId)).toBe(1);
  });
});
