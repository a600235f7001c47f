import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

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
export async function startTestProvider(options: { redirectUris: string[] }): Promise<TestProvider> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'easel-test';
  const clientSecret = 'test-client-secret-that-is-long-enough-0123456789';
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
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      const account = next;
      if (!account) {
        res.writeHead(400).end('no account chosen');
        return;
      }
      accounts.set(account.subject, account);
      void provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.subject } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    callback(req, res);
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

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
