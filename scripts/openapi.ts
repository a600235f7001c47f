/**
 * `npm run openapi [-- <file>]`: writes the OpenAPI 3.1 document (what GET /api/openapi.json
 * answers) to a file, or prints it, without a database or a running server: the app is built
 * in-process and asked once. For tools that want a file (a docs site, `redocly lint`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/src/app.ts';
import { systemClock } from '../server/src/clock.ts';
import { loadConfig } from '../server/src/config.ts';
import { createDb } from '../server/src/db/client.ts';
import { closeLogger, createLogger } from '../server/src/logger.ts';

const logDir = await mkdtemp(join(tmpdir(), 'easel-openapi-'));
const config = loadConfig({ NODE_ENV: 'development', LOG_CONSOLE: 'false', LOG_DIR: logDir, PORT: '3000' });
const logger = createLogger(config);
// Never connected: building the document reads no data.
const db = createDb('postgresql://unused@127.0.0.1:1/unused');
const app = createApp({ config, logger, db, redis: undefined, clock: systemClock });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };
const text = `${JSON.stringify(await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json(), null, 2)}\n`;
server.close();
await db.$disconnect();
await closeLogger(logger);
await rm(logDir, { recursive: true, force: true });
const file = process.argv[2];
if (file) {
  await writeFile(file, text);
  console.log(`wrote ${file}`);
} else process.stdout.write(text);
