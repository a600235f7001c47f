/* global pm, CryptoJS */
// Postman pre-request script: signs the request as an Easel service client (docs/service-clients.md),
// so that it passes the server's HMAC check.
//
// Variables (environment or collection):
//   serviceClientId      the client's id (from POST /api/service-clients)
//   serviceClientSecret  its secret (esk_..., shown once when it was created)
//   serviceNonce         optional: the nonce to sign with (default: a new random one), to show
//                        that a replayed nonce is refused (401 nonce_reused)
//   serviceTimestamp     optional: the signed time in Unix seconds (default: now), to show the
//                        clock window (401 timestamp_out_of_window)
// It keeps the nonce it used in the collection variable serviceLastNonce.
//
// Canonical string, one field per line: EASEL-HMAC-SHA256, timestamp, nonce, METHOD, path, the
// query's pairs sorted (by name, then by pair; encoding as sent), hex SHA-256 of the body bytes.
// Variables in the body are resolved here, once, and the body is written back, so that Postman
// sends exactly what was signed. CryptoJS is the sandbox's built-in.

const clientId = pm.variables.get('serviceClientId');
const secret = pm.variables.get('serviceClientSecret');
if (!clientId || !secret)
  throw new Error('Set serviceClientId and serviceClientSecret (from POST /api/service-clients)');

const url = pm.variables.replaceIn(pm.request.url.toString());
const target = (url.match(/^[a-z][\w+.-]*:\/\/[^/?#]*([^#]*)/i) || [])[1] || '/';
const at = target.indexOf('?');
const path = at === -1 ? target : target.slice(0, at);
const query = at === -1 ? '' : target.slice(at + 1);
const nameOf = (pair) => (pair.indexOf('=') === -1 ? pair : pair.slice(0, pair.indexOf('=')));
const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortedQuery = query
  .split('&')
  .filter(Boolean)
  .sort((a, b) => order(nameOf(a), nameOf(b)) || order(a, b))
  .join('&');

let body = '';
if (pm.request.body && pm.request.body.mode === 'raw') {
  body = pm.variables.replaceIn(pm.request.body.raw || '');
  pm.request.body.update(body);
}

const timestamp = Number(pm.variables.get('serviceTimestamp')) || Math.floor(Date.now() / 1000);
const nonce = pm.variables.get('serviceNonce') || pm.variables.replaceIn('{{$guid}}').replace(/-/g, '');
const canonical = [
  'EASEL-HMAC-SHA256',
  String(timestamp),
  nonce,
  pm.request.method.toUpperCase(),
  path,
  sortedQuery,
  CryptoJS.SHA256(body).toString(CryptoJS.enc.Hex),
].join('\n');
const signature = CryptoJS.HmacSHA256(canonical, secret).toString(CryptoJS.enc.Hex);

pm.collectionVariables.set('serviceLastNonce', nonce);
pm.request.headers.upsert({
  key: 'Authorization',
  value: `EaselHMAC client=${clientId}, timestamp=${timestamp}, nonce=${nonce}, signature=${signature}`,
});
