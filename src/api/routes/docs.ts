import { createRequire } from 'node:module';
import path from 'node:path';
import { contentSecurityPolicy } from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { AppError } from '../../domain/app-error.js';
import { cachePublicly } from '../cache-control.js';
import { openApiDocument } from '../openapi.js';
import type { Route } from '../route-table.js';
import { docsAssetParams, docsPageResponse, openApiResponse, type DocsAsset } from './docs.schema.js';

// The OpenAPI document and Swagger UI to read it, served from installed packages so they work offline.
// swagger-ui-express writes the page and its init script; the page's assets come from swagger-ui-dist,
// the copy swagger-ui-express itself depends on.

const swaggerUiDist = path.dirname(createRequire(createRequire(import.meta.url).resolve('swagger-ui-express')).resolve('swagger-ui-dist/package.json'));

const swaggerOptions = {
  swaggerUrl: '/openapi.json',
  customSiteTitle: 'Cymuned API',
  // No badge from validator.swagger.io: the page loads nothing from elsewhere.
  swaggerOptions: { validatorUrl: null, tryItOutEnabled: false, persistAuthorization: false },
};

// The template links its assets relatively ("./swagger-ui.css"), which from /docs (no trailing slash)
// would mean /swagger-ui.css: make the links absolute.
const page = swaggerUi.generateHTML(undefined, swaggerOptions).replaceAll('="./', '="/docs/');
const [initScript] = swaggerUi.serveFiles(undefined, swaggerOptions);

// Helmet's policy, but without upgrade-insecure-requests (so the page works over plain HTTP on a laptop)
// and with no https: sources: the page needs nothing beyond its own origin. Inline styles are the
// template's <style> and Swagger UI's own.
const docsPagePolicy = contentSecurityPolicy({
  directives: {
    upgradeInsecureRequests: null,
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
  },
});

// The documents describe the API and hold nothing about anyone: cacheable, briefly (they change with a release).
const documentMaxAgeSeconds = 300;
const assetMaxAgeSeconds = 24 * 60 * 60;

const contentTypes: Record<DocsAsset, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'swagger-ui-standalone-preset.js': 'text/javascript',
  'swagger-ui-init.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** `allRoutes` is a thunk: the document describes the route table this module is itself part of. */
export function docsRoutes(allRoutes: () => readonly Route[]): Route[] {
  let document: object | undefined;
  return [
    {
      method: 'get',
      path: '/openapi.json',
      action: 'docs.read',
      handler: (_req, res) => {
        // The API only: web pages answer HTML forms, not JSON, and are not part of its contract.
        document ??= openApiDocument(allRoutes().filter((route) => !route.page));
        cachePublicly(res, documentMaxAgeSeconds).json(document);
      },
      docs: {
        summary: 'This API described in OpenAPI 3.1',
        tags: ['Documentation'],
        responses: { 200: { description: 'The OpenAPI document', body: openApiResponse } },
      },
    },
    {
      method: 'get',
      path: '/docs',
      action: 'docs.read',
      handler: (req, res, next) => {
        docsPagePolicy(req, res, (error?: unknown) => {
          if (error) next(error);
          else cachePublicly(res, documentMaxAgeSeconds).type('html').send(page);
        });
      },
      docs: {
        summary: 'Interactive documentation (Swagger UI)',
        tags: ['Documentation'],
        responses: { 200: { description: 'The page', body: docsPageResponse, contentType: 'text/html' } },
      },
    },
    {
      method: 'get',
      path: '/docs/:asset',
      action: 'docs.read',
      handler: (req, res, next) => {
        const parsed = docsAssetParams.safeParse(req.params);
        if (!parsed.success) throw new AppError('not_found', { cy: 'Nid oes ffeil o’r enw hwnnw yma', en: 'There is no file of that name here' });
        const { asset } = parsed.data;
        cachePublicly(res, assetMaxAgeSeconds);
        if (asset === 'swagger-ui-init.js') {
          if (!initScript) throw new Error('swagger-ui-express served no init script');
          initScript(req, res, next);
          return;
        }
        res.type(contentTypes[asset]).sendFile(asset, { root: swaggerUiDist }, (error) => {
          if (error && !res.headersSent) next(error);
        });
      },
      docs: {
        summary: 'A file the documentation page loads',
        tags: ['Documentation'],
        params: docsAssetParams,
        responses: { 200: { description: 'The file (CSS, JavaScript or an icon)' } },
      },
    },
  ];
}
