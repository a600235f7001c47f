/**
 * The contract shared by the server and the client: the shape schema and its limits, the
 * problem-details type and the error-code dictionary, and the API's request and response
 * shapes. It imports only zod, so the browser build can take it whole. The client imports
 * nothing else of the server (the dependency rules in .dependency-cruiser.cjs enforce it).
 */
export * from './accounts.ts';
export * from './drawing-patch.ts';
export * from './drawings.ts';
export * from './errors.ts';
export * from './mfa.ts';
export * from './pages.ts';
export * from './oidc.ts';
export * from './passwords.ts';
export * from './recovery.ts';
export * from './shapes.ts';
export * from './text.ts';
export * from './timestamps.ts';
export * from './webhooks.ts';
export * from './service-clients.ts';
