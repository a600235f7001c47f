/**
 * Child process for the benchmarks: serves one of the comparison servers and reports its own
 * event-loop delay when the parent asks over IPC. Easel itself runs as its production build
 * (bench/production.ts), not from here.
 *   node --import tsx bench/servers.ts baseline|token|express|fastify   (env: DATABASE_URL, JWT_SECRET)
 *
 * - baseline: the same-work baseline of every benchmarked endpoint (bench/baseline.ts)
 * - token:    bare node:http + jsonwebtoken with a KeyObject, no database (context row)
 * - express:  a bare Express 5 route, no middleware, doing the same token check (the floor for a
 *             trivial authenticated route)
 * - fastify:  Fastify 5, the same token check (context row)
 */
import { createSecretKey } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import { startBaseline } from './baseline.ts';

const kind = process.argv[2];
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();

const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));
function verified(authorization: string | undefined): boolean {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  try {
    jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'easel', audience: 'easel-api' });
    return true;
  } catch {
    return false;
  }
}

async function start(): Promise<Server> {
  if (kind === 'baseline') return startBaseline(process.env).listen(0, '127.0.0.1');
  if (kind === 'token') {
    return createServer((req, res) => {
      if (!verified(req.headers.authorization)) return res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    }).listen(0, '127.0.0.1');
  }
  if (kind === 'express') {
    const app = express();
    app.get('/token', (req, res) => {
      if (!verified(req.headers.authorization)) return void res.status(401).end();
      res.json({ status: 'ok' });
    });
    return app.listen(0, '127.0.0.1');
  }
  if (kind === 'fastify') {
    const app = Fastify({ logger: false });
    app.get('/token', async (req, reply) => {
      if (!verified(req.headers.authorization)) return reply.code(401).send();
      return { status: 'ok' };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server;
  }
  throw new Error(`unknown server kind ${kind}`);
}

const server = await start();
if (!server.listening) await once(server, 'listening');
const address = server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (message: string) => {
  if (message === 'reset') delay.reset();
  if (message === 'stats') {
    process.send?.({ p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
  }
  if (message === 'exit') process.exit(0);
});
