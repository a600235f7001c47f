/**
 * Child process for the benchmarks: serves either Easel itself (`easel`) or the baseline
 * (`baseline`: bare node:http + jsonwebtoken with a KeyObject, no framework, no database), and
 * reports its own event-loop delay when the parent asks over IPC.
 *   node --import tsx bench/servers.ts easel|baseline   (env: DATABASE_URL, JWT_SECRET)
 */
import { createSecretKey } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { createApp } from '../server/src/app.ts';
import { systemClock } from '../server/src/clock.ts';
import { loadConfig } from '../server/src/config.ts';
import { createDb } from '../server/src/db/client.ts';
import { createLogger } from '../server/src/logger.ts';

const kind = process.argv[2];
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();

function startBaseline(): Server {
  const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));
  return createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    try {
      const claims = jwt.verify(token, key, {
        algorithms: ['HS256'],
        issuer: 'easel',
        audience: 'easel-api',
      }) as jwt.JwtPayload;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: claims.sub }));
    } catch {
      res.writeHead(401).end();
    }
  });
}

function startEasel(): Server {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_CONSOLE: 'false', LOG_LEVEL: 'warn' });
  const logger = createLogger(config);
  const db = createDb(config.databaseUrl ?? '', { poolSize: 10 });
  return createApp({ config, logger, db, clock: systemClock }).listen(0, '127.0.0.1');
}

const server = kind === 'baseline' ? startBaseline().listen(0, '127.0.0.1') : startEasel();
await once(server, 'listening');
const address = server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (message: string) => {
  if (message === 'reset') delay.reset();
  if (message === 'stats') {
    process.send?.({ p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
  }
  if (message === 'exit') process.exit(0);
});
