import type { Request } from 'express';
import type { Language } from '../domain/bilingual.js';

// The one rule for the language of every answer, problems and views alike (README, "Welsh and English"):
// 1. an explicit Accept-Language that prefers Welsh or English wins, for that request only;
// 2. otherwise the signed-in person's stored language (PATCH /api/me);
// 3. otherwise English, the documented default.
// Answers refused before the request's credentials are read (a body that is not JSON or not well-formed
// text, or too large) cannot know the person yet, so for them step 2 is skipped.

export const defaultLanguage: Language = 'en';

/**
 * The language the request itself prefers, if it prefers one of ours. Express (negotiator) breaks a tie
 * between equally acceptable languages (`*`, which any client may send and Node's fetch always does) by
 * the order they are offered in, so they are offered both ways round: only a real preference gives the same
 * answer both times. A header naming neither (`fr`) prefers neither.
 */
export function requestedLanguage(req: Request): Language | undefined {
  if (!req.get('accept-language')) return undefined;
  const welshFirst = req.acceptsLanguages('cy', 'en');
  const englishFirst = req.acceptsLanguages('en', 'cy');
  return welshFirst !== false && welshFirst === englishFirst ? (welshFirst as Language) : undefined;
}

/** The language to answer this request in. */
export function readerLanguage(req: Request): Language {
  return requestedLanguage(req) ?? req.actor?.language ?? defaultLanguage;
}
