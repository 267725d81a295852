import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { problemOf, sayWhenToRetry } from '../api/problem.js';
import { isPageRoute } from '../api/route-table.js';
import type { Bilingual } from '../domain/bilingual.js';
import { ownPath } from './forms.js';
import type { MessageKey } from './i18n/index.js';
import { renderPage, type PageContext } from './render.js';

// People reading pages get pages when something goes wrong, in the page's language; API clients keep
// problem+json (src/api/problem.ts). Both describe the error the same way (problemOf).

/** A page's request, or one for no route at all from a browser (which prefers HTML to JSON). */
function isForPage(req: Request, res: Response): boolean {
  if (isPageRoute(res)) return true;
  if (req.path.startsWith('/api/') || req.path === '/api') return false;
  return req.accepts(['json', 'html']) === 'html';
}

const headings: Record<number, MessageKey> = {
  400: 'errors.badRequest.title',
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  409: 'errors.conflict.title',
  429: 'errors.tooMany.title',
  503: 'errors.unavailable.title',
};

function showError(req: Request, res: Response, context: PageContext, status: number, detail?: Bilingual): void {
  renderPage(
    req,
    res,
    context,
    'pages/error.njk',
    { status, heading: headings[status] ?? (status < 500 ? 'errors.badRequest.title' : 'errors.internal.title'), detail, requestId: String(req.id) },
    status,
  );
}

export function pageNotFound(context: PageContext): RequestHandler {
  return (req, res, next) => {
    if (!isForPage(req, res)) return next();
    showError(req, res, context, 404);
  };
}

export function pageErrors(context: PageContext): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isForPage(req, res) || res.headersSent) return next(error);
    const problem = problemOf(error, req);
    // Signing in is the way on from a page that needs it, and back to where the person was going.
    if (problem.status === 401) {
      if (req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      // A form sent without a session (it ended while the page was open) was not saved: sign in, then back
      // to the page the form was on (partials/form-keys.njk sends it as _page), to send it again.
      const page = ownPath((req.body as Record<string, unknown> | undefined)?._page);
      return res.redirect(303, `/sign-in?next=${encodeURIComponent(page)}&signed-out=1`);
    }
    // A browser, like an API client, is told when a passing outage should be over.
    if (problem.status === 503) sayWhenToRetry(res);
    // Only what is safe to show: the reason for a refusal, never the text of an internal error.
    showError(req, res, context, problem.status, problem.status < 500 ? problem.detail : undefined);
  };
}
