import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type RequestHandler, type Response } from 'express';

/**
 * The SPA's Content-Security-Policy. The built app has no inline script or style and loads
 * nothing from elsewhere; Konva draws on canvas, and React sets styles through the CSSOM, which
 * `style-src` does not govern. Everything else is refused.
 */
export const SPA_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite puts content-hashed files under /assets: they never change, so they may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the files next to it: always ask again, so a deploy shows at once. */
const REVALIDATE = 'no-cache';

/** Paths the API owns: they never fall back to the SPA, so an unknown one stays a JSON 404. */
const API_PATHS = /^\/(api|healthz|readyz|\.well-known)(\/|$)/;

function setSpaHeaders(res: Response, cacheControl: string): void {
  // Replaces the API's `default-src 'none'` and `no-store` set earlier in the chain.
  res.setHeader('Content-Security-Policy', SPA_CONTENT_SECURITY_POLICY);
  res.setHeader('Cache-Control', cacheControl);
}

/** True when the folder holds a built SPA (`npm run build:client`). */
export function hasBuiltSpa(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the built SPA from `dir`: its files with long-lived caching for hashed assets, and
 * index.html for every other GET that is not an API path and does not name a file, so the
 * SPA's own routes (/drawings/123) load on reload and direct visits.
 */
export function createSpaRouter(dir: string): Router {
  const root = resolve(dir);
  const router = Router();
  router.use(
    express.static(root, {
      index: false,
      redirect: false,
      setHeaders: (res, path) => setSpaHeaders(res, path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE),
    }),
  );
  router.use(serveIndexForAppRoutes(root));
  return router;
}

function serveIndexForAppRoutes(root: string): RequestHandler {
  return (req, res, next) => {
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    const namesFile = /\.[^/]*$/.test(req.path);
    if (!isRead || namesFile || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    setSpaHeaders(res, REVALIDATE);
    res.sendFile(join(root, 'index.html'), (error) => {
      if (error) next(error);
    });
  };
}
