import { z } from 'zod';

export const openApiResponse = z
  .object({ openapi: z.string().meta({ example: '3.1.0' }) })
  .catchall(z.unknown())
  .meta({ description: 'This document: OpenAPI 3.1' });

export const docsPageResponse = z.string().meta({ description: 'Swagger UI, reading /openapi.json' });

/** The files Swagger UI's page loads, all from the installed swagger-ui-dist package. */
export const docsAssets = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'swagger-ui-init.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
] as const;

export type DocsAsset = (typeof docsAssets)[number];

export const docsAssetParams = z.object({ asset: z.enum(docsAssets) });
