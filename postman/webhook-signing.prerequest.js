/* global pm, CryptoJS */
// Postman pre-request script: signs the request body the way the provider would, so a request to
// POST {{baseUrl}}/api/webhooks/stripe or .../standard passes Easel's signature check.
//
// Variables (environment or collection):
//   webhookStripeSecret    the value of WEBHOOK_STRIPE_SECRETS on the server (one of them)
//   webhookStandardSecret  the value of WEBHOOK_STANDARD_SECRETS on the server (one of them)
//   webhookId              optional: the Standard Webhooks event id (default: a new msg_<uuid>)
//   webhookTimestamp       optional: the signed time in Unix seconds (default: now), to show
//                          that an old signature is refused (401 timestamp_out_of_tolerance)
//
// The signature covers the exact bytes sent. Variables in the body are resolved here, once, and
// the resolved body is written back, so that Postman sends exactly what was signed (a {{$guid}}
// resolved twice would differ). CryptoJS is the sandbox's built-in.

const provider = (pm.variables.replaceIn(pm.request.url.toString()).match(/\/api\/webhooks\/([\w-]+)/) || [])[1];
const body = pm.variables.replaceIn(pm.request.body ? pm.request.body.raw || '' : '');
pm.request.body.update(body);
const timestamp = Number(pm.variables.get('webhookTimestamp')) || Math.floor(Date.now() / 1000);

if (provider === 'stripe') {
  // Stripe: HMAC-SHA256 of "<timestamp>.<body>", keyed with the whole whsec_ secret, in hex.
  const secret = pm.variables.get('webhookStripeSecret');
  if (!secret) throw new Error('Set the webhookStripeSecret variable (a value of WEBHOOK_STRIPE_SECRETS)');
  const signature = CryptoJS.HmacSHA256(`${timestamp}.${body}`, secret).toString(CryptoJS.enc.Hex);
  pm.request.headers.upsert({ key: 'Stripe-Signature', value: `t=${timestamp},v1=${signature}` });
} else if (provider === 'standard') {
  // Standard Webhooks: HMAC-SHA256 of "<id>.<timestamp>.<body>", keyed with the base64-decoded
  // secret (after whsec_), in base64, as "v1,<signature>".
  const secret = pm.variables.get('webhookStandardSecret');
  if (!secret) throw new Error('Set the webhookStandardSecret variable (a value of WEBHOOK_STANDARD_SECRETS)');
  const key = CryptoJS.enc.Base64.parse(secret.replace(/^whsec_/, ''));
  const id = pm.variables.get('webhookId') || `msg_${pm.variables.replaceIn('{{$guid}}')}`;
  const signature = CryptoJS.HmacSHA256(`${id}.${timestamp}.${body}`, key).toString(CryptoJS.enc.Base64);
  pm.request.headers.upsert({ key: 'webhook-id', value: id });
  pm.request.headers.upsert({ key: 'webhook-timestamp', value: String(timestamp) });
  pm.request.headers.upsert({ key: 'webhook-signature', value: `v1,${signature}` });
} else {
  throw new Error(`webhook-signing: no signing scheme for the provider in ${pm.request.url.toString()}`);
}
