import type { RequestHandler, Response } from 'express';

// Nearly everything the API answers is someone's case, personal data, a bank file or evidence, and must
// never be kept by a browser (a shared computer in a village hall) or a proxy on the way. So every answer,
// refusals and errors included, says `no-store` unless its route says otherwise; the few public documents
// (open data, the API's own description) opt in to being cached. `res.sendFile` keeps a Cache-Control
// already set, so a file sent that way stays no-store too unless its route opts in.

export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** For an answer anyone may have and that may be a few minutes old: open data, the API's documentation. */
export function cachePublicly(res: Response, maxAgeSeconds: number): Response {
  return res.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
}
