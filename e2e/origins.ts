/** Where playwright.config.ts starts the API and the built SPA (`vite preview`), and what the tests call. */
export const API_PORT = 3100;
export const APP_PORT = 4173;
export const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
