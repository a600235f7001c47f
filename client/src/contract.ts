/**
 * The client's one door into the server's code: the API contract (shape schema and limits today).
 * Everything the SPA shares with the API is imported from here, never from server/ directly.
 */
// First: zod must be told before the schemas below are built.
import './zod-jitless';

export * from '../../server/src/contract/index.ts';
