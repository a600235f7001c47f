import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiInfo } from '../http/openapi.ts';
import { route, type Feature } from '../http/routes.ts';
import { DOCS_CONTENT_SECURITY_POLICY, DOCS_PAGE, DOCS_SCRIPT } from './docs-page.ts';

const INFO: OpenApiInfo = {
  title: 'Easel API',
  // The contract's version, not the package's: it changes when a published shape does.
  version: '1.0.0',
  description:
    'The Easel REST API. Errors are RFC 9457 problem details whose `code` is stable; see docs/api.md and docs/errors.md.',
  license: { name: 'MIT', identifier: 'MIT' },
};

// Swagger UI's files, served from node_modules: the reference loads nothing from elsewhere.
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
};

const AssetParams = z.object({ file: z.string().max(64) });
const OpenApiJson = z.looseObject({
  openapi: z.literal('3.1.1'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
const Html = z.string().meta({ contentMediaType: 'text/html' });
const Asset = z.string().meta({ contentMediaType: 'application/octet-stream', description: 'JavaScript, CSS or PNG' });

/**
 * /api/openapi.json: the OpenAPI 3.1 document of every feature, generated from the registry on
 * the first request; /api/docs: Swagger UI over it, every asset served from this app.
 */
export function apiDocsFeature(listFeatures: () => readonly Feature[]): Feature {
  let document: OpenApiDocument | undefined;
  const routes = [
    route.get('/openapi.json', {
      summary: 'This API’s OpenAPI 3.1 document',
      responses: { 200: OpenApiJson },
      handle: () => (document ??= buildOpenApiDocument(listFeatures(), INFO)),
    }),
    route.get('/docs', {
      summary: 'The browsable API reference (Swagger UI, HTML)',
      responses: { 200: Html },
      handle: (_req, res) => {
        res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
        res.setHeader('Cache-Control', 'no-cache');
        res.type('html').send(DOCS_PAGE);
      },
    }),
    route.get('/docs/assets/:file', {
      summary: 'A script, style sheet or icon of the API reference page',
      params: AssetParams,
      responses: { 200: Asset },
      handle: (_req, res, { params }) => {
        res.setHeader('Cache-Control', 'public, max-age=3600');
        if (params.file === 'easel-docs.js') return void res.type('text/javascript').send(DOCS_SCRIPT);
        const type = Object.hasOwn(ASSETS, params.file) ? ASSETS[params.file] : undefined;
        if (!type) throw new HttpError('not_found', 'No such asset');
        // Waits for the file to be sent: the registry answers 204 to a handler that returns early.
        return new Promise<void>((resolve, reject) =>
          res.type(type).sendFile(join(swaggerUiDir, params.file), (error) => (error ? reject(error) : resolve())),
        );
      },
    }),
  ];
  return { path: '/api', name: 'api-docs', description: 'This reference, as JSON and as a page', routes };
}
