import { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../contract/errors.ts';
import { recordMountPath } from './access-log.ts';
import { rejectOtherMethods } from './methods.ts';
import { parseInput } from './validate.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

/**
 * One route: its method and path, what it is for, the middleware it runs first (guards, limits,
 * body parsing), the named schemas of its input, and the handler. The schemas are the ones it
 * validates with, so what is declared here is what is enforced.
 */
export interface Route<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema> {
  method: Method;
  /** Relative to the feature's path, in Express syntax (`/:id`). */
  path: string;
  summary: string;
  use?: RequestHandler[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * For the API reference only: the JSON body of a route that reads the raw bytes itself (a
   * webhook verifies its signature over them before parsing). Not validated by the registry.
   */
  rawBody?: z.ZodType;
  /** For the API reference only: request headers the handler reads itself (`If-Match`). */
  headers?: z.ZodType;
  /**
   * The success bodies by status (null: no body): the API reference's, and the status a returned
   * body is sent with (the one given a body; 200 when none is).
   */
  responses?: Record<number, z.ZodType | null>;
  /** For the API reference: the problem codes this route answers besides the generic ones. */
  errors?: ErrorCode[];
  /**
   * Returns the response body (sent as JSON), or nothing (undefined or null) for 204 No Content;
   * or sends the response itself through `res` (cookies, ETags, problem details).
   */
  handle(req: Request, res: Response, input: RouteInput<P, Q, B>): unknown;
}

/** A feature's routes and where they are mounted: the registry in app.ts is a list of these. */
export interface Feature {
  path: string;
  routes: Route[];
  /** For the API reference: the tag of its operations (default: the path's first segment). */
  name?: string;
  description?: string;
}

/** What a route declares besides its method and path, which `route.<method>(path, ...)` takes. */
export type RouteSpec<P extends Schema, Q extends Schema, B extends Schema> = Omit<Route<P, Q, B>, 'method' | 'path'>;

type DeclareRoute = <P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  path: string,
  spec: RouteSpec<P, Q, B>,
) => Route;

function declareRoute(method: Method): DeclareRoute {
  return (path, spec) => ({ method, path, ...spec }) as unknown as Route;
}

/**
 * Declares a route by its method and path, `route.get('/:id', { summary, params, handle })`; its
 * schemas type the handler's input.
 */
export const route: Readonly<Record<Method, DeclareRoute>> = {
  get: declareRoute('get'),
  post: declareRoute('post'),
  put: declareRoute('put'),
  patch: declareRoute('patch'),
  delete: declareRoute('delete'),
};

/**
 * The routes, each running `guard` before its own middleware: a guard that every route of a
 * feature or route list shares (`guarded(admin, [...])`) is declared once, not on each route.
 */
export function guarded(guard: RequestHandler[], routes: Route[]): Route[] {
  return routes.map((r) => ({ ...r, use: [...guard, ...(r.use ?? [])] }));
}

/**
 * Mounts every feature. Done once here rather than at each route: the mount path kept for the
 * access log, 405 with `Allow` for other methods on a path, and input validation (params, then
 * query, then body) after the route's own middleware.
 */
export function mountFeatures(app: Express, features: readonly Feature[]): void {
  for (const feature of features) app.use(feature.path, recordMountPath, buildRouter(feature.routes));
}

function buildRouter(routes: Route[]): Router {
  const router = Router();
  for (const [path, group] of Map.groupBy(routes, (r) => r.path)) {
    const chain = router.route(path);
    for (const r of group) chain[r.method](...(r.use ?? []), runRoute(r));
    chain.all(rejectOtherMethods);
  }
  return router;
}

function runRoute(r: Route): RequestHandler {
  const status = bodyStatus(r);
  return async (req, res) => {
    const input = {
      params: r.params && parseInput(r.params, req.params),
      query: r.query && parseInput(r.query, req.query),
      body: r.body && parseInput(r.body, req.body ?? {}),
    };
    const body = await r.handle(req, res, input as RouteInput<Schema, Schema, Schema>);
    if (res.headersSent) return;
    if (body === undefined || body === null) res.status(204).end();
    else res.status(status).json(body);
  };
}

/** The status of a returned body: the one `responses` gives a body, 200 when none does. */
function bodyStatus(r: Route): number {
  const withBody = Object.entries(r.responses ?? {}).find(([, schema]) => schema !== null);
  return withBody ? Number(withBody[0]) : 200;
}
