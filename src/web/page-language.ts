import type { Request } from 'express';
import { parseCookie } from 'cookie';
import { requestedLanguage } from '../api/reader-language.js';
import type { Language } from '../domain/bilingual.js';

// The language of a page: the language a signed-in person chose (stored with them, as PATCH /api/me
// stores it), else the one a visitor chose with the switcher (a cookie), else what the browser asks for,
// else English. The switcher is a link (?lang=cy) that works without JavaScript; see language-switch.ts.

export const languageCookie = 'cymuned_lang';

export function isLanguage(value: unknown): value is Language {
  return value === 'cy' || value === 'en';
}

export function pageLanguage(req: Request): Language {
  if (req.actor) return req.actor.language;
  const chosen = parseCookie(req.headers.cookie ?? '')[languageCookie];
  if (isLanguage(chosen)) return chosen;
  return requestedLanguage(req) ?? 'en';
}
