/**
 * Where playwright.config.ts starts Easel and what the tests call. The built server serves the
 * SPA and the API from one origin. The port can be moved with EASEL_E2E_APP_PORT, so two
 * checkouts can run the suite at once.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const APP_PORT = port('EASEL_E2E_APP_PORT', 4173);
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
/** The API answers on the app's own origin (`npm start` serves both). */
export const API_ORIGIN = APP_ORIGIN;
/** The access-token lifetime the suite runs with: short, so expiry happens during the tests. */
export const ACCESS_TOKEN_TTL_SECONDS = 5;
/** The test OpenID provider (e2e/oidc-provider.server.ts) the app offers as "Test ID". */
export const OIDC_PORT = port('EASEL_E2E_OIDC_PORT', APP_PORT + 100);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
