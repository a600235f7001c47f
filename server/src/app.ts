import express from 'express';
import cookieParser from 'cookie-parser';
import { apiDocsFeature } from './api-docs/api-docs.routes.ts';
import { createAppContext, type AppContext, type AppDeps } from './app-context.ts';
import { authFeature } from './auth/auth.routes.ts';
import { jwksFeature } from './auth/jwks.routes.ts';
import type { BackgroundTask } from './core/background-task.ts';
import { drawingsFeature } from './drawings/drawings.routes.ts';
import { healthFeature } from './health/health.routes.ts';
import { createAccessLog } from './http/access-log.ts';
import { createCors } from './http/cors.ts';
import { answerNotFound, createErrorHandler } from './http/error-handler.ts';
import { assignRequestId } from './http/request-id.ts';
import { mountFeatures, type Feature } from './http/routes.ts';
import { createSecurityHeaders } from './http/security-headers.ts';
import { createIdentityResolver } from './identity/identity.ts';
import { rolesFeature } from './roles/roles.routes.ts';
import { serviceAuditFeature, serviceClientsFeature } from './service-clients/service-clients.routes.ts';
import { usersFeature } from './users/users.routes.ts';
import { createWebhookWorker } from './webhooks/worker.ts';
import { oidcFeature } from './oidc/oidc.routes.ts';
import { webhooksFeature } from './webhooks/webhooks.routes.ts';
import { createSpaRouter, hasBuiltSpa } from './web/spa.ts';

export type { AppDeps };

/** The registry: every feature of the API. A new resource is one folder plus one line here. */
export function listFeatures(ctx: AppContext): Feature[] {
  const features: Feature[] = [
    healthFeature(ctx),
    jwksFeature(ctx),
    authFeature(ctx),
    usersFeature(ctx),
    rolesFeature(ctx),
    drawingsFeature(ctx),
    webhooksFeature(ctx),
    oidcFeature(ctx),
    serviceClientsFeature(ctx),
    serviceAuditFeature(ctx),
  ];
  // Last: the reference describes every feature above, and itself.
  features.push(apiDocsFeature(() => features));
  return features;
}

/** Work beside the HTTP server, started and stopped by main.ts with the process. */
export function listBackgroundTasks(deps: AppDeps): BackgroundTask[] {
  return [createWebhookWorker(deps)];
}

/** Builds the Express app; the only place middleware and features are wired. Never listens. */
export function createApp(deps: AppDeps): express.Express {
  const ctx = createAppContext(deps);
  const { config, logger } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.use(createAccessLog(logger));
  app.use(createSecurityHeaders({ hsts: config.isProduction }));
  app.use(createCors(config.http.corsOrigins));
  app.use(cookieParser());
  app.use(createIdentityResolver(ctx));
  mountFeatures(app, listFeatures(ctx));
  const { spaDir } = config.web;
  if (spaDir && hasBuiltSpa(spaDir)) app.use(createSpaRouter(spaDir));
  else if (spaDir) logger.info(`no built SPA in ${spaDir} (npm run build:client): serving the API only`);
  app.use(answerNotFound);
  app.use(createErrorHandler(logger));
  return app;
}
