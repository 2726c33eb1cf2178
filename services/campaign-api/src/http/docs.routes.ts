import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { AppError } from '@dialwave/platform';
import { buildOpenApiDocument, buildWebhookIngestDocument, type OpenApiDocument } from './openapi/document';

/** swagger-ui-dist ships the UI's scripts and styles: the docs page needs no CDN, and works offline. */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const API_VERSION = packageVersion(__dirname);

let document: OpenApiDocument | undefined;
let webhookIngestDocument: OpenApiDocument | undefined;

/** Built once per process: the contracts do not change while it runs. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(API_VERSION);
  return document;
}

/** webhook-ingest's routes, for carriers and voice-runtime authors; served here, where the API reference is. */
export function openApiWebhookIngestDocument(): OpenApiDocument {
  webhookIngestDocument ??= buildWebhookIngestDocument(API_VERSION);
  return webhookIngestDocument;
}

/** `GET /openapi.json` and the reference UI at `/docs`, mounted under `/api` before authentication. */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/openapi/webhook-ingest.json', (_req, res) => {
    res.json(openApiWebhookIngestDocument());
  });
  router.use('/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1d' }), (_req, _res, next) => {
    next(AppError.notFound('Asset'));
  });
  router.get('/docs', (req, res) => {
    const specs = [
      { name: 'campaign-api', url: `${req.baseUrl}/openapi.json` },
      { name: 'webhook-ingest (carriers, voice runtimes)', url: `${req.baseUrl}/openapi/webhook-ingest.json` },
    ];
    res.type('html').send(docsPage(specs, `${req.baseUrl}/docs/assets`));
  });
  return router;
}

function docsPage(specs: { name: string; url: string }[], assets: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Dialwave API reference</title>
    <link rel="stylesheet" href="${assets}/swagger-ui.css" />
    <link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${assets}/swagger-ui-bundle.js"></script>
    <script src="${assets}/swagger-ui-standalone-preset.js"></script>
    <script>
      // The standalone layout's top bar picks the document; validatorUrl null: no call to the public swagger.io validator.
      window.ui = SwaggerUIBundle({
        urls: ${JSON.stringify(specs)},
        dom_id: '#swagger-ui',
        deepLinking: true,
        validatorUrl: null,
        persistAuthorization: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: 'StandaloneLayout',
      });
    </script>
  </body>
</html>
`;
}

/** The version of the nearest package.json above this file that has one (a bundle's folder has a package.json without). */
function packageVersion(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const version = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version : undefined;
    if (version) return version;
    if (dirname(dir) === dir) return '0.0.0';
  }
}
