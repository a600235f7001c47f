/**
 * Where playwright.config.ts starts the API and the SPA, and what the tests call. The ports can be
 * moved with EASEL_E2E_API_PORT / EASEL_E2E_APP_PORT, so two checkouts can run the suite at once.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const API_PORT = port('EASEL_E2E_API_PORT', 3100);
export const APP_PORT = port('EASEL_E2E_APP_PORT', 4173);
export const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
