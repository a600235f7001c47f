import express from 'express';
import cookieParser from 'cookie-parser';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Redis } from './db/redis.ts';
import type { Logger } from './logger.ts';
import { createAuthLimits } from './auth/auth-limits.ts';
import { createAuthRouter } from './auth/auth.routes.ts';
import { createIdentityResolver } from './auth/identity.ts';
import { createJwksRouter } from './auth/jwks.routes.ts';
import { loadKeySet } from './auth/keys.ts';
import { createMemoryRevocations, createRedisRevocations } from './auth/revocation.ts';
import { createDrawingsRouter } from './drawings/drawings.routes.ts';
import { createHealthRouter } from './health/health.routes.ts';
import { createAccessLog, recordMountPath } from './http/access-log.ts';
import { createCors } from './http/cors.ts';
import { answerNotFound, createErrorHandler } from './http/error-handler.ts';
import { assignRequestId } from './http/request-id.ts';
import { createSecurityHeaders } from './http/security-headers.ts';
import { createRolesRouter } from './roles/roles.routes.ts';
import { createUsersRouter } from './users/users.routes.ts';
import { createSpaRouter, hasBuiltSpa } from './web/spa.ts';

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
  const keys = loadKeySet(config.auth, { production: config.isProduction });
  if (keys.ephemeral) logger.warn('no JWT_SECRET or JWT_KEYS: using a random key; tokens die with this process');
  if (config.isProduction && !deps.redis) {
    logger.warn(
      'no REDIS_URL: revocations and rate limits live in this process only (forgotten on restart, not shared between instances)',
    );
  }
  const revocations = deps.redis
    ? createRedisRevocations(deps.redis, config.redisPrefix, deps.clock, config.auth.accessTokenTtl)
    : createMemoryRevocations(deps.clock, config.auth.accessTokenTtl);
  const auth = { ...deps, keys, revocations, limits: createAuthLimits(config, deps.redis) };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.use(createAccessLog(logger));
  app.use(createSecurityHeaders({ hsts: config.isProduction }));
  app.use(createCors(config.http.corsOrigins));
  app.use(cookieParser());
  app.use(createIdentityResolver({ keys, auth: config.auth, revocations, clock: deps.clock }));
  app.use(createHealthRouter(deps));
  app.use(createJwksRouter(keys));
  app.use('/api/auth', recordMountPath, createAuthRouter(auth));
  app.use('/api', recordMountPath, createRolesRouter(auth));
  app.use('/api/users', recordMountPath, createUsersRouter(auth));
  app.use('/api/drawings', recordMountPath, createDrawingsRouter(deps));
  const { spaDir } = config.web;
  if (spaDir && hasBuiltSpa(spaDir)) app.use(createSpaRouter(spaDir));
  else if (spaDir) logger.info(`no built SPA in ${spaDir} (npm run build:client): serving the API only`);
  app.use(answerNotFound);
  app.use(createErrorHandler(logger));
  return app;
}
