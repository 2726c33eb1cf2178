import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { AppError } from '@dialwave/platform';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/document';

/** swagger-ui-dist ships the UI's scripts and styles: the docs page needs no CDN, and works offline. */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const API_VERSION = packageVersion(__dirname);

let document: OpenApiDocument | undefined;

/** Built once per process: the contracts do not change while it runs. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(API_VERSION);
  return document;
}

/** `GET /openapi.json` and the reference UI at `/docs`, mounted under `/api` before authentication. */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.use('/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1d' }), (_req, _res, next) => {
    next(AppError.notFound('Asset'));
  });
  router.get('/docs', (req, res) => {
    res.type('html').send(docsPage(`${req.baseUrl}/openapi.json`, `${req.baseUrl}/docs/assets`));
  });
  return router;
}

function docsPage(specUrl: string, assets: string): string {
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
    <script>
      // validatorUrl null: no call to the public swagger.io validator.
      window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, persistAuthorization: true });
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
