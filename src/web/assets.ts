import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import { govukFrontendDir, mojFrontendDir } from './frontend-packages.js';

const ownAssetsDir = fileURLToPath(new URL('./assets', import.meta.url));

/** The single files served under /assets, and where each is. */
const files: Record<string, string> = {
  'govuk-frontend.min.css': path.join(govukFrontendDir, 'govuk-frontend.min.css'),
  'govuk-frontend.min.js': path.join(govukFrontendDir, 'govuk-frontend.min.js'),
  // MoJ Frontend's styles for the patterns GOV.UK lacks (the timeline); built on GOV.UK Frontend's.
  'moj-frontend.min.css': path.join(mojFrontendDir, 'moj-frontend.min.css'),
  'manifest.json': path.join(govukFrontendDir, 'assets', 'manifest.json'),
  'cymuned.js': path.join(ownAssetsDir, 'cymuned.js'),
  // A case page's live updates (imported by cymuned.js).
  'live-case.js': path.join(ownAssetsDir, 'live-case.js'),
};

const cacheForADay = (res: express.Response) => res.set('Cache-Control', 'public, max-age=86400');

/**
 * The design system's built CSS, JavaScript, fonts and images, served from the installed package (never
 * copied into ours), and our one enhancement script; mounted at /assets. Cached for a day: they change only
 * with a release. Anything else under /assets is not found.
 */
export function assets(): RequestHandler {
  const router = express.Router();
  const options = { index: false, setHeaders: cacheForADay };
  router.use('/fonts', express.static(path.join(govukFrontendDir, 'assets', 'fonts'), options));
  router.use('/images', express.static(path.join(govukFrontendDir, 'assets', 'images'), options));
  router.use((req, res, next) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? files[req.path.slice(1)] : undefined;
    if (!file) return next();
    cacheForADay(res).sendFile(file);
  });
  return router;
}
