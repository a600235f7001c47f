/**
 * The OpenID provider the browser tests sign in at: server/test/oidc-provider.ts on a fixed
 * loopback port, with a login form (no account is chosen in advance). Started by
 * playwright.config.ts next to the app, whose OIDC_PROVIDERS points here.
 */
import { startTestProvider } from '../server/test/oidc-provider.ts';
import { APP_ORIGIN, OIDC_PORT } from './origins.ts';

const provider = await startTestProvider({
  port: OIDC_PORT,
  redirectUris: [`${APP_ORIGIN}/api/auth/oidc/test/callback`],
});
console.log(`test OpenID provider at ${provider.issuer}`);
process.once('SIGTERM', () => void provider.close().then(() => process.exit(0)));
