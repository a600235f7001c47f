/**
 * The API reference page: Swagger UI from this app's own files, started by a script of ours
 * (no inline script, so the policy below needs no 'unsafe-inline').
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Easel API reference</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/assets/easel-docs.js"></script>
  </body>
</html>
`;

/**
 * Swagger UI's settings. `validatorUrl: null` keeps it from sending the spec to
 * validator.swagger.io; "Try it out" calls this same origin with the bearer token entered.
 */
export const DOCS_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

/**
 * As strict as the SPA's: scripts and styles only from this origin, images from here or data:
 * URIs (Swagger UI's icons), requests only to this origin, no frames, no forms elsewhere.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
