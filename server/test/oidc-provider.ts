import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export const TEST_CLIENT_ID = 'easel-test';
/** Not a secret: the test provider's only client, on loopback. */
export const TEST_CLIENT_SECRET = 'test-client-secret-that-is-long-enough-0123456789';

/** A user at the test provider: who signs in there, and what it asserts about them. */
export interface ProviderAccount {
  subject: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the provider signs in on the next authorization (no login page: tests choose). */
  signInAs(account: ProviderAccount): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider on loopback: `oidc-provider`, a certified implementation, with one
 * confidential client whose redirect URIs are the app's callbacks. The login step is automatic
 * (the account chosen by `signInAs`) and consent is pre-granted, so a test follows redirects only.
 */
export async function startTestProvider(options: { redirectUris: string[]; port?: number }): Promise<TestProvider> {
  const server = createServer();
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = TEST_CLIENT_ID;
  const clientSecret = TEST_CLIENT_SECRET;
  const accounts = new Map<string, ProviderAccount>();
  let next: ProviderAccount | undefined;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key'] },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const account = accounts.get(id);
      return account
        ? {
            accountId: id,
            claims: () => ({
              sub: id,
              email: account.email,
              email_verified: account.emailVerified,
              ...(account.name ? { name: account.name } : {}),
            }),
          }
        : undefined;
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
  });
  const callback = provider.callback();
  const finishAs = (req: IncomingMessage, res: ServerResponse, account: ProviderAccount) => {
    accounts.set(account.subject, account);
    void provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.subject } },
      { mergeWithLastSubmission: false },
    );
  };
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }
    // A test that chose the account signs it in at once; a browser gets a login form.
    if (next) finishAs(req, res, next);
    else if (req.method === 'POST') void readForm(req).then((form) => finishAs(req, res, accountFromForm(form)));
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LOGIN_FORM);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (account) => {
      next = account;
    },
    close: () => closeServer(server),
  };
}

/**
 * Follows the provider's redirects, keeping its cookies, until it sends the browser back to the
 * app at `appOrigin`: what a browser does between the app's redirect and its callback.
 */
export async function passProvider(appOrigin: string, authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url.href} with ${res.status}`);
    const next = new URL(location, url);
    if (next.origin === appOrigin) return next;
    url = next;
  }
  throw new Error('too many redirects at the provider');
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const LOGIN_FORM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test ID: sign in</title></head>
<body style="font-family: system-ui; max-width: 24rem; margin: 4rem auto">
<h1>Test ID</h1><p>A test OpenID provider. Sign in as:</p>
<form method="post"><p><label>Email <input name="email" type="email" required></label></p>
<p><label><input name="verified" type="checkbox" checked> Email verified</label></p>
<p><button type="submit">Continue</button></p></form></body></html>`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

/** The form's account: the email is the subject too, so signing in again finds the same identity. */
function accountFromForm(form: URLSearchParams): ProviderAccount {
  const email = form.get('email') ?? '';
  return { subject: `form:${email}`, email, emailVerified: form.get('verified') === 'on' };
}
