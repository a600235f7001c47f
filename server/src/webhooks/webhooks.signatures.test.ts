import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.ts';
import { STRIPE_SECRET, WEBHOOK_ENV, standardSigner, stripeSigner } from '../../test/webhooks.ts';

const t = await buildTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_BODY_LIMIT: '4kb' } });

function post(app: TestApp, provider: string, body: string, headers: Record<string, string>) {
  return request(app.app)
    .post(`/api/webhooks/${provider}`)
    .set('Content-Type', 'application/json')
    .set(headers)
    .send(body);
}

const storedRows = () => t.db.webhookEvent.count();

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
}

describe.each([stripeSigner, standardSigner])('deliveries signed for $provider', (signer) => {
  const send = (body: string, headers: Record<string, string>) => post(t, signer.provider, body, headers);

  it('accepts an event signed by the provider’s own library and stores it, parsed, as pending', async () => {
    const { eventId, body } = signer.event('invoice.paid', { amount: 1200 });
    const res = await send(body, signer.sign(body, { at: t.clock.now() }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ provider: signer.provider, eventId, duplicate: false });
    const row = await t.db.webhookEvent.findUniqueOrThrow({
      where: { provider_eventId: { provider: signer.provider, eventId } },
    });
    expect(row).toMatchObject({ type: 'invoice.paid', status: 'pending', attempts: 0, payload: JSON.parse(body) });
  });

  it('refuses the same JSON with other whitespace: the signature is over the bytes', async () => {
    const { body } = signer.event('invoice.paid', { amount: 1200 });
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    const before = await storedRows();
    expectProblem(await send(reformatted, signer.sign(body)), 401, 'invalid_signature');
    expect(await storedRows()).toBe(before);
  });

  it('refuses a body with one byte changed', async () => {
    const { body } = signer.event('invoice.paid', { amount: 1200 });
    const tampered = body.replace('1200', '1300');
    expect(tampered).not.toBe(body);
    const before = await storedRows();
    expectProblem(await send(tampered, signer.sign(body)), 401, 'invalid_signature');
    expect(await storedRows()).toBe(before);
  });

  it('refuses a signature made with another secret', async () => {
    const { body } = signer.event('invoice.paid', {});
    const other = signer.provider === 'stripe' ? 'whsec_someone-elses-secret' : 'whsec_c29tZW9uZSBlbHNlcyBzZWNyZXQ=';
    const before = await storedRows();
    expectProblem(await send(body, signer.sign(body, { secret: other })), 401, 'invalid_signature');
    expect(await storedRows()).toBe(before);
  });

  it('refuses a signed timestamp outside the tolerance window, and accepts one just inside', async () => {
    const { body } = signer.event('invoice.paid', {});
    const aged = (seconds: number) => new Date(t.clock.now().getTime() - seconds * 1000);
    const before = await storedRows();
    const stale = await send(body, signer.sign(body, { at: aged(t.config.webhooks.toleranceSeconds + 5) }));
    expectProblem(stale, 401, 'timestamp_out_of_tolerance');
    expect(await storedRows()).toBe(before);
    const fresh = await send(body, signer.sign(body, { at: aged(t.config.webhooks.toleranceSeconds - 5) }));
    expect(fresh.status).toBe(200);
  });

  it('refuses a delivery without its signature headers, saying which', async () => {
    const { body } = signer.event('invoice.paid', {});
    const res = await send(body, {});
    expectProblem(res, 401, 'invalid_signature');
    expect(res.body.detail).toMatch(signer.provider === 'stripe' ? /Stripe-Signature/ : /webhook-signature/);
  });

  it('answers 415 to a body that is not declared JSON, 413 to one over the limit', async () => {
    const { body } = signer.event('invoice.paid', {});
    const before = await storedRows();
    const asText = await request(t.app)
      .post(`/api/webhooks/${signer.provider}`)
      .set('Content-Type', 'text/plain')
      .set(signer.sign(body))
      .send(body);
    expectProblem(asText, 415, 'unsupported_media_type');
    const { body: large } = signer.event('invoice.paid', { note: 'x'.repeat(5000) });
    expectProblem(await send(large, signer.sign(large)), 413, 'payload_too_large');
    expect(await storedRows()).toBe(before);
  });

  it('answers 400 to signed bytes that are not JSON, and 422 to JSON without an event', async () => {
    const before = await storedRows();
    const notJson = '{"type": "invoice.paid",';
    expectProblem(await send(notJson, signer.sign(notJson)), 400, 'malformed_json');
    const noType = JSON.stringify({ id: 'evt_1', object: 'event', data: {} });
    expectProblem(await send(noType, signer.sign(noType)), 422, 'validation_failed');
    const array = '[1,2,3]';
    expectProblem(await send(array, signer.sign(array)), 422, 'validation_failed');
    expect(await storedRows()).toBe(before);
  });

  it('answers 422, not 500, to signed JSON holding text the database cannot store', async () => {
    const { body } = signer.event('invoice.paid', { note: 'nul \u0000 here' });
    expect(body).toContain('\\u0000');
    const before = await storedRows();
    const res = await send(body, signer.sign(body));
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors[0]).toMatchObject({ code: 'unstorable_text' });
    expect(await storedRows()).toBe(before);
  });
});

describe('signing secrets during a rotation', () => {
  it.each([stripeSigner, standardSigner])('$provider accepts either configured secret and no other', async (signer) => {
    const next =
      signer.provider === 'stripe'
        ? 'whsec_the-new-secret-after-rotation'
        : 'whsec_bmV3IHNlY3JldCBhZnRlciByb3RhdGlvbg==';
    const name = signer.provider === 'stripe' ? 'WEBHOOK_STRIPE_SECRETS' : 'WEBHOOK_STANDARD_SECRETS';
    const rotating = await buildTestApp({ env: { [name]: `${next}, ${signer.secret}` } });
    for (const secret of [next, signer.secret]) {
      const { body } = signer.event('invoice.paid', {});
      expect((await post(rotating, signer.provider, body, signer.sign(body, { secret }))).status).toBe(200);
    }
    const { body } = signer.event('invoice.paid', {});
    const stranger = signer.provider === 'stripe' ? 'whsec_not-configured' : 'whsec_bm90IGNvbmZpZ3VyZWQ=';
    const refused = await post(rotating, signer.provider, body, signer.sign(body, { secret: stranger }));
    expect(refused.status).toBe(401);
  });
});

describe('providers', () => {
  it('answer 404 when unknown or without secrets, before reading the body, and store nothing', async () => {
    const { body } = stripeSigner.event('invoice.paid', {});
    expectProblem(await post(t, 'paypal', body, stripeSigner.sign(body)), 404, 'not_found');
    const stripeOnly = await buildTestApp({ env: { WEBHOOK_STRIPE_SECRETS: STRIPE_SECRET } });
    const standard = standardSigner.event('email.bounced', {});
    const res = await post(stripeOnly, 'standard', standard.body, standardSigner.sign(standard.body));
    expectProblem(res, 404, 'not_found');
    expect(await stripeOnly.db.webhookEvent.count()).toBe(0);
  });

  it('refuse to start with a Standard Webhooks secret that is not base64', async () => {
    await expect(buildTestApp({ env: { WEBHOOK_STANDARD_SECRETS: 'whsec_not base64!' } })).rejects.toThrow(
      /WEBHOOK_STANDARD_SECRETS/,
    );
  });

  it('answer other methods on the delivery path with 405', async () => {
    const res = await request(t.app).get('/api/webhooks/stripe');
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('POST');
  });
});
