import { createHmac } from 'node:crypto';
import { sameSecret } from './secrets.js';

// Cookies travel with every request the browser makes, including ones another site triggers, so an unsafe
// request authenticated by the session cookie must also prove it came from our own pages: it carries this
// token in X-CSRF-Token, which another site can neither read nor compute. The token is an HMAC of the session
// token under a server secret: nothing extra to store, one token per session, and useless without the
// HttpOnly cookie it belongs to. Requests authenticated by a bearer token need none: browsers never add
// Authorization headers by themselves.

export const csrfHeader = 'x-csrf-token';

export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(given: string | undefined, sessionToken: string, secret: string): boolean {
  return given !== undefined && sameSecret(given, csrfTokenFor(sessionToken, secret));
}

// Before anyone has signed in there is no session to bind a token to, yet a form can still be forged: a
// page elsewhere could post our sign-in form with its author's own email and password, signing the victim
// in as them to capture what they then type ("login CSRF"). So a browser that is shown a form without a
// session is given a random cookie of its own, and the form carries the HMAC of it, labelled apart from
// the session's so that one can never stand for the other.

export const preSessionCookieName = 'cymuned_form';

export function preSessionCsrfTokenFor(cookieValue: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf-before-session:${cookieValue}`).digest('base64url');
}

export function preSessionCsrfTokenMatches(given: string | undefined, cookieValue: string | undefined, secret: string): boolean {
  return given !== undefined && cookieValue !== undefined && cookieValue.length > 0 && sameSecret(given, preSessionCsrfTokenFor(cookieValue, secret));
}
