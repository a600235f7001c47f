import type { Request, Response } from 'express';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { readRawBody } from '../http/body.ts';
import type { Logger } from '../logger.ts';
import type { Identity } from './identity.ts';
import type { NonceStore } from './nonces.ts';
import type { SecretBox } from './service-secrets.ts';
import { canonicalString, parseSignatureHeader, signatureMatches } from './service-signature.ts';

/** Why a signed request was refused; each is its own problem code (docs/errors.md). */
export type SignatureFailure =
  | 'signature_malformed'
  | 'unknown_client'
  | 'client_revoked'
  | 'timestamp_out_of_window'
  | 'signature_mismatch'
  | 'nonce_reused';

export type SignedRequestResult = { ok: true; identity: Identity } | { ok: false; failure: SignatureFailure };

export interface ServiceAuthDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'serviceClients' | 'http'>;
  secrets: SecretBox;
  nonces: NonceStore;
}

/**
 * Verifies an `Authorization: EaselHMAC ...` request (docs/service-clients.md), cheapest checks
 * first: the header, the clock window, the client, then the HMAC over the exact body bytes, and
 * only then the nonce, so that a forged request cannot use up a real caller's nonce.
 */
export async function verifySignedRequest(
  deps: ServiceAuthDeps,
  req: Request,
  res: Response,
  header: string,
): Promise<SignedRequestResult> {
  const fail = (failure: SignatureFailure): SignedRequestResult => ({ ok: false, failure });
  const signed = parseSignatureHeader(header);
  if (!signed) return fail('signature_malformed');
  const { toleranceSeconds } = deps.config.serviceClients;
  const skew = Math.abs(deps.clock.now().getTime() / 1000 - signed.timestamp);
  if (skew > toleranceSeconds) return fail('timestamp_out_of_window');
  const client = await deps.db.serviceClient.findUnique({ where: { id: signed.clientId } });
  if (!client) return fail('unknown_client');
  if (client.revokedAt || !client.secretKeyId || !client.secretSealed) return fail('client_revoked');
  const secret = deps.secrets.open({ keyId: client.secretKeyId, sealed: client.secretSealed }, client.id);
  if (secret === null) {
    // A configuration fault, not the caller's: say which key is missing, never the secret.
    deps.logger.error('a service client secret does not open: is its key still in SERVICE_CLIENT_KEYS?', {
      clientId: client.id,
      keyId: client.secretKeyId,
    });
    return fail('signature_mismatch');
  }
  const body = await readRawBody(req, res, deps.config.http.jsonBodyLimit);
  const canonical = canonicalString({ ...signed, method: req.method, target: req.originalUrl, body });
  if (!signatureMatches(secret, canonical, signed.signature)) return fail('signature_mismatch');
  // Remembered for the whole span a timestamp can be accepted in: window before and after now.
  if (!(await deps.nonces.claim(client.id, signed.nonce, 2 * toleranceSeconds + 1))) return fail('nonce_reused');
  if (client.secretKeyId !== deps.secrets.activeKeyId) await resealSecret(deps, client.id, secret);
  return {
    ok: true,
    identity: {
      kind: 'service',
      userId: client.id,
      clientId: client.id,
      roles: [],
      scopes: client.scopes,
      tokenId: signed.nonce,
    },
  };
}

/** After a key rotation, a secret sealed with an older key moves to the active key on first use. */
async function resealSecret(deps: ServiceAuthDeps, clientId: string, secret: string): Promise<void> {
  const { keyId, sealed } = deps.secrets.seal(secret, clientId);
  await deps.db.serviceClient.updateMany({
    where: { id: clientId, revokedAt: null },
    data: { secretKeyId: keyId, secretSealed: sealed },
  });
}
