import * as oidc from 'openid-client';
import type { Config } from '../config.ts';

export type ProviderConfig = Config['oidc']['providers'][number];

/** What a provider asserted about the user, after the library verified the ID token. */
export interface VerifiedClaims {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/** The secrets of one authorization request, kept until its callback. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const DISCOVERY_TIMEOUT_SECONDS = 5;

/** Loopback issuers (a provider run by the tests or on a developer's machine) may use http. */
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * The OpenID Connect relying party for one provider, on `openid-client` (a certified library):
 * discovery from the issuer's metadata, the authorization URL with PKCE, `state` and `nonce`,
 * and the code exchange with every check of the ID token done by the library.
 */
export class RelyingParty {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly provider: ProviderConfig,
    private readonly redirectUri: string,
  ) {}

  /** Metadata is fetched once; a failed fetch is forgotten so the next sign-in tries again. */
  private configuration(): Promise<oidc.Configuration> {
    const issuer = new URL(this.provider.issuer);
    this.discovered ??= oidc
      .discovery(issuer, this.provider.clientId, this.provider.clientSecret, undefined, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  async startAuthorization(): Promise<AuthorizationRequest> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.provider.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the callback's code. `query` is the callback's query string; the URL is rebuilt
   * from the configured redirect URI, never from the request's Host header. Throws when the
   * library refuses anything (state, code, ID token signature, issuer, audience, nonce, expiry).
   */
  async finishAuthorization(
    query: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<VerifiedClaims> {
    const config = await this.configuration();
    const callbackUrl = new URL(this.redirectUri);
    callbackUrl.search = query;
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the token response has no ID token');
    // Many providers put email and name in the ID token; others (code flow, conforming
    // providers) only at the UserInfo endpoint, whose answer must be about the same subject.
    const claims =
      idToken.email === undefined && config.serverMetadata().userinfo_endpoint
        ? { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), sub: idToken.sub }
        : idToken;
    return {
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
  }
}
