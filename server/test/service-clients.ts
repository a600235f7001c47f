/** Service clients for tests: created through the API, and requests signed with scripts/sign-request.ts. */
import request from 'supertest';
import { signRequest, type SignRequestInput } from '../../scripts/sign-request.ts';
import type { LoggedIn, TestApp } from './helpers.ts';

export interface TestClient {
  id: string;
  secret: string;
}

export async function createClient(
  t: TestApp,
  admin: LoggedIn,
  scopes: string[],
  name = 'billing',
): Promise<TestClient> {
  const res = await request(t.app).post('/api/service-clients').set(admin.auth).send({ name, scopes });
  if (res.status !== 201) throw new Error(`create client failed: ${res.status} ${res.text}`);
  return { id: res.body.id as string, secret: res.body.secret as string };
}

export type SignedOptions = Partial<Omit<SignRequestInput, 'method' | 'target' | 'body'>> & {
  /** Sign these bytes but send `sendBody` (a tampered body). */
  sendBody?: string;
  /** Sign this target but send `sendTarget` (a tampered path or query). */
  sendTarget?: string;
};

/** Sends one request signed as the client, on the app's fake clock unless a timestamp is given. */
export function signed(
  t: TestApp,
  client: TestClient,
  method: 'GET' | 'POST' | 'DELETE',
  target: string,
  body?: string,
  options: SignedOptions = {},
) {
  const { sendBody, sendTarget, ...signing } = options;
  const { authorization } = signRequest({
    clientId: client.id,
    secret: client.secret,
    timestamp: Math.floor(t.clock.now().getTime() / 1000),
    method,
    target,
    ...(body === undefined ? {} : { body }),
    ...signing,
  });
  const verb = method.toLowerCase() as 'get' | 'post' | 'delete';
  const agent = request(t.app);
  const req = agent[verb](sendTarget ?? target).set('Authorization', authorization);
  const sent = sendBody ?? body;
  return sent === undefined ? req : req.set('Content-Type', 'application/json').send(sent);
}
