import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type nunjucks from 'nunjucks';
import type { AuthSettings } from '../auth/settings.js';
import { formCsrfToken } from '../api/authenticate.js';
import type { Language } from '../domain/bilingual.js';
import { translate, type MessageKey } from './i18n/index.js';
import { inOtherLanguage } from './language-switch.js';
import { pageLanguage } from './page-language.js';

export interface PageContext {
  views: nunjucks.Environment;
  auth: AuthSettings;
}

/** An error shown in a form's error summary and beside its field (`href` is the field's id, with #). */
export interface FieldError {
  href: string;
  text: string;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** What every template is given besides its own context. */
function layoutContext(req: Request, res: Response, auth: AuthSettings, language: Language) {
  return {
    language,
    t: (key: MessageKey, values?: Record<string, string | number>) => translate(key, language, values),
    cspNonce: res.locals.cspNonce as string | undefined,
    // The current page, for the language switcher's links (which keep the page) and sign-in's return.
    currentPath: req.path,
    switchLinks: { cy: inOtherLanguage(req, 'cy'), en: inOtherLanguage(req, 'en') },
    signedIn: req.actor ? { name: req.actor.name } : null,
    // Every form posts this back (partials/form-keys.njk): the session's token, checked as the API checks
    // X-CSRF-Token, or before signing in the token of a cookie of the browser's own. Asked for by the
    // forms alone, so a page with none sets no cookie.
    csrfToken: once(() => formCsrfToken(req, res, auth)),
    // A new key for each form on the page (partials/form-keys.njk): two forms never share one.
    newFormKey: () => randomUUID(),
  };
}

/** Renders a page in its reader's language; forms that were refused answer 422 with what was typed. */
export function renderPage(req: Request, res: Response, { views, auth }: PageContext, template: string, context: object = {}, status = 200): void {
  const language = pageLanguage(req);
  const html = views.render(template, { ...layoutContext(req, res, auth, language), ...context });
  res.status(status).type('html').set('Content-Language', language).send(html);
}
