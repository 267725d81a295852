import type { Request, RequestHandler, Response } from 'express';
import { parseCookie } from 'cookie';
import type { Actor } from '../access/actor.js';
import { resumeApiToken } from '../auth/api-tokens.js';
import { randomBytes } from 'node:crypto';
import { csrfHeader, csrfTokenFor, csrfTokenMatches, preSessionCookieName, preSessionCsrfTokenFor, preSessionCsrfTokenMatches } from '../auth/csrf.js';
import { resumeSession, sessionCookieName, type StartedSession } from '../auth/sessions.js';
import { sessionLifetime, type AuthSettings } from '../auth/settings.js';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';

// Authentication establishes who is asking, and nothing more: the person a bearer token or a session cookie
// belongs to, with their roles, found with the credential in one query (src/auth/load-actor.ts). Whether
// that person (or nobody) may do what they ask is the access policy's to decide, so an anonymous request
// passes through with req.actor unset.

/** How the request proved who it is; sign-out and the CSRF token need the session's own token. */
export type Authentication = { method: 'session'; sessionToken: string } | { method: 'api_token'; tokenId: string; token: string };

const authentications = new WeakMap<Request, Authentication>();

/** Requests that came with the cookie of a session that has since ended (expired, or signed out elsewhere). */
const endedSessions = new WeakSet<Request>();

export function authenticationOf(req: Request): Authentication | undefined {
  return authentications.get(req);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticateDependencies {
  prisma: PrismaClient;
  auth: AuthSettings;
}

export function authenticate({ prisma, auth }: AuthenticateDependencies): RequestHandler {
  const lifetime = sessionLifetime(auth);

  return async (req, res, next) => {
    const now = new Date();
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      // A client that sends credentials wants them used: a bad token is an error, never a quiet fall back
      // to anonymous. A cookie sent alongside is ignored.
      const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
      const found = token === undefined ? undefined : await resumeApiToken({ prisma, token, now, maxLifetimeDays: auth.apiTokenMaxDays });
      if (!found || token === undefined) throw tokenRejected();
      establish(req, found.actor, { method: 'api_token', tokenId: found.tokenId, token });
      next();
      return;
    }

    const sessionToken = parseCookie(req.headers.cookie ?? '')[sessionCookieName];
    if (sessionToken) {
      const session = await resumeSession({ prisma, token: sessionToken, now, lifetime });
      if (!session) {
        // An ended session is the normal state of an old cookie: the request goes on anonymously (so
        // signing in again works) and the browser is told to forget it.
        clearSessionCookie(res, auth);
        endedSessions.add(req);
      } else {
        if (!safeMethods.has(req.method) && !csrfTokenMatches(csrfTokenSent(req), sessionToken, auth.sessionSecret)) {
          // A page's upload carries its token inside a body not yet read: checked once the route has read it.
          if (isPageUpload(req)) uncheckedUploads.set(req, sessionToken);
          else throw csrfRefused();
        }
        establish(req, session.actor, { method: 'session', sessionToken });
      }
    }
    next();
  };
}

/** A page's form sent as multipart/form-data (it carries a file), whose fields are read by its route. */
function isPageUpload(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.is('multipart/form-data') === 'multipart/form-data';
}

/** Uploads whose CSRF token is still to be checked, with the session token it must match. */
const uncheckedUploads = new WeakMap<Request, string>();

/**
 * After an upload route has read its body: the form's token must be the session's. Every other route
 * refuses a request whose token was left unchecked (refuseUncheckedUpload), so none can skip the check.
 */
export function checkUploadCsrf(auth: AuthSettings): RequestHandler {
  return (req, _res, next) => {
    const sessionToken = uncheckedUploads.get(req);
    if (sessionToken === undefined) return next();
    if (!csrfTokenMatches(csrfTokenSent(req), sessionToken, auth.sessionSecret)) throw csrfRefused();
    uncheckedUploads.delete(req);
    next();
  };
}

export const refuseUncheckedUpload: RequestHandler = (req, _res, next) => {
  if (uncheckedUploads.has(req)) throw csrfRefused();
  next();
};

function csrfRefused(): AppError {
  return new AppError('forbidden', {
    cy: 'Mae angen tocyn CSRF dilys ym mhennyn X-CSRF-Token; mae’n dod gyda mewngofnodi a GET /api/me',
    en: 'A valid CSRF token is needed in the X-CSRF-Token header; it comes with sign-in and GET /api/me',
  });
}

/**
 * Who the request's session or token belongs to now, read afresh each call, without counting as activity:
 * for what outlives its request (a live event stream), which must stop once the credential ends. Undefined
 * once it has (signed out, expired, revoked, the person gone), and for an anonymous request.
 */
export function currentActorOf(req: Request, { prisma, auth }: AuthenticateDependencies): () => Promise<Actor | undefined> {
  const authentication = authenticationOf(req);
  const lifetime = sessionLifetime(auth);
  return async () => {
    const now = new Date();
    if (authentication?.method === 'session') return (await resumeSession({ prisma, token: authentication.sessionToken, now, lifetime, touch: false }))?.actor;
    if (authentication?.method === 'api_token')
      return (await resumeApiToken({ prisma, token: authentication.token, now, maxLifetimeDays: auth.apiTokenMaxDays, touch: false }))?.actor;
    return undefined;
  };
}

/** The CSRF token as an API client sends it (X-CSRF-Token), or as a page's form does (the hidden _csrf field). */
function csrfTokenSent(req: Request): string | undefined {
  const header = req.get(csrfHeader);
  if (header !== undefined) return header;
  const field: unknown = req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])
    ? (req.body as Record<string, unknown> | undefined)?._csrf
    : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** The CSRF token of the request's session, for the API's answers and the pages' forms; null without a session. */
export function sessionCsrfToken(req: Request, auth: AuthSettings): string | null {
  const authentication = authenticationOf(req);
  return authentication?.method === 'session' ? csrfTokenFor(authentication.sessionToken, auth.sessionSecret) : null;
}

/**
 * The token a page's forms carry: the session's, or for a browser with no session the HMAC of a random
 * cookie of its own, set here the first time it is shown a form (see src/auth/csrf.ts).
 */
export function formCsrfToken(req: Request, res: Response, auth: AuthSettings): string {
  const session = sessionCsrfToken(req, auth);
  if (session !== null) return session;
  let value = parseCookie(req.headers.cookie ?? '')[preSessionCookieName];
  if (!value) {
    value = randomBytes(32).toString('base64url');
    // No expiry: it lasts as long as the browser's session, which is as long as a form can be open.
    res.cookie(preSessionCookieName, value, cookieOptions(auth));
  }
  return preSessionCsrfTokenFor(value, auth.sessionSecret);
}

/**
 * A page's form posted with no session (signing in, creating an account, asking for a new password) must
 * carry the token of the cookie its page set; with a session, authenticate() has checked the session's.
 */
export function preSessionFormCheck(auth: AuthSettings): RequestHandler {
  return (req, _res, next) => {
    if (safeMethods.has(req.method) || authenticationOf(req) !== undefined) return next();
    const cookieValue = parseCookie(req.headers.cookie ?? '')[preSessionCookieName];
    if (!preSessionCsrfTokenMatches(csrfTokenSent(req), cookieValue, auth.sessionSecret)) {
      // A form from a page shown while signed in, sent after the session ended: nobody forged it, the
      // person was signed out. Signing in again is the way on (the pages send them there), not a refusal.
      if (endedSessions.has(req)) throw sessionEnded();
      throw new AppError('forbidden', {
        cy: 'Nid oedd modd derbyn y ffurflen: nid oedd yn dod o’r dudalen hon ar eich porwr chi. Agorwch y dudalen eto a rhowch gynnig arall arni.',
        en: 'The form could not be accepted: it did not come from this page in your browser. Open the page again and try again.',
      });
    }
    next();
  };
}

function establish(req: Request, actor: Actor, authentication: Authentication): void {
  req.actor = actor;
  authentications.set(req, authentication);
}

function sessionEnded(): AppError {
  return new AppError('unauthenticated', {
    cy: 'Daeth eich sesiwn i ben cyn i’r ffurflen gyrraedd, felly ni chafodd ei chadw. Mewngofnodwch a’i hanfon eto.',
    en: 'Your session ended before the form arrived, so it was not saved. Sign in and send it again.',
  });
}

function tokenRejected(): AppError {
  return new AppError('unauthenticated', {
    cy: 'Nid yw’r tocyn API yn ddilys: mae’n anghywir, wedi dod i ben neu wedi’i ddirymu',
    en: 'The API token is not valid: it is wrong, has expired or has been revoked',
  });
}

/** The signed-in actor, or 401 problem details for an anonymous request. */
export function requireActor(req: Request): Actor {
  if (req.actor) return req.actor;
  throw new AppError('unauthenticated', { cy: 'Mewngofnodwch i wneud hyn', en: 'Sign in to do this' });
}

function cookieOptions(auth: AuthSettings) {
  // Lax: sent when following a link to us, withheld from cross-site POSTs. HttpOnly: page scripts (and so
  // injected ones) cannot read it. Secure in production, where browsers reach us over HTTPS only.
  return { httpOnly: true, sameSite: 'lax', secure: auth.secureCookies, path: '/' } as const;
}

export function setSessionCookie(res: Response, session: StartedSession, auth: AuthSettings): void {
  res.cookie(sessionCookieName, session.token, { ...cookieOptions(auth), expires: session.expiresAt });
}

export function clearSessionCookie(res: Response, auth: AuthSettings): void {
  res.clearCookie(sessionCookieName, cookieOptions(auth));
}
