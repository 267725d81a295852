import type { Request, RequestHandler } from 'express';
import type { AuthSettings } from '../auth/settings.js';
import { setLanguage } from '../auth/set-language.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Language } from '../domain/bilingual.js';
import { isLanguage, languageCookie } from './page-language.js';

const oneYearMs = 365 * 24 * 60 * 60 * 1000;

/** The page's address in `language`: the same page and query, with the switcher's parameter. */
export function inOtherLanguage(req: Request, language: Language): string {
  const url = new URL(req.originalUrl, 'http://page');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

/**
 * Follows the language switcher's link (?lang=cy on any page): remembers the choice (for a signed-in
 * person with their account, the operation PATCH /api/me uses; for others in a cookie) and sends the
 * browser back to the same page without the parameter, so the address stays the page's own.
 */
export function withLanguageSwitch({ prisma, auth }: { prisma: PrismaClient; auth: AuthSettings }, page: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    const chosen = req.query.lang;
    if (chosen === undefined) return page(req, res, next);
    const url = new URL(req.originalUrl, 'http://page');
    url.searchParams.delete('lang');
    if (isLanguage(chosen)) {
      res.cookie(languageCookie, chosen, { httpOnly: true, sameSite: 'lax', secure: auth.secureCookies, path: '/', maxAge: oneYearMs });
      if (req.actor) await setLanguage({ prisma, personId: req.actor.personId, input: { language: chosen } });
    }
    res.redirect(303, `${url.pathname}${url.search}`);
  };
}
