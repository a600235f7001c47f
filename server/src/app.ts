import express from 'express';
import cookieParser from 'cookie-parser';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Redis } from './db/redis.ts';
import type { Logger } from './logger.ts';
import { createAccessLog } from './http/access-log.ts';
import { createCors } from './http/cors.ts';
import { answerNotFound, createErrorHandler } from './http/error-handler.ts';
import { assignRequestId } from './http/request-id.ts';
import { createSecurityHeaders } from './http/security-headers.ts';
import { createHealthRouter } from './health/health.routes.ts';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Db;
  clock: Clock;
  redis?: Redis | undefined;
}

/** Builds the Express app; the only place middleware and routers are wired. Never listens. */
export function createApp(deps: AppDeps): express.Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.use(createAccessLog(logger));
  app.use(createSecurityHeaders({ hsts: config.isProduction }));
  app.use(createCors(config.http.corsOrigins));
  app.use(cookieParser());
  app.use(createHealthRouter(deps));
  app.use(answerNotFound);
  app.use(createErrorHandler(logger));
  return app;
}
