import { config } from 'zod';

// zod compiles object parsers with `new Function` when it may, and probes for that with a
// `Function('')` call, which the SPA's Content-Security-Policy (no 'unsafe-eval') reports as a
// violation. Its interpreter is fast enough for what the SPA parses.
config({ jitless: true });
