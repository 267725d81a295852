import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createApiToken, createApiTokenInput, listApiTokens, revokeApiToken } from '../../auth/api-tokens.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import { loadActor } from '../../auth/load-actor.js';
import { meView, personView } from '../../auth/me-view.js';
import { endSession } from '../../auth/sessions.js';
import { setLanguage, setLanguageInput } from '../../auth/set-language.js';
import type { AuthSettings } from '../../auth/settings.js';
import { signInInput, SignInThrottled } from '../../auth/sign-in.js';
import { startPasswordSession } from '../../auth/start-password-session.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { authenticationOf, clearSessionCookie, requireActor, sessionCsrfToken, setSessionCookie } from '../authenticate.js';
import type { Route } from '../route-table.js';
import { apiTokenListResponse, apiTokenParams, createdApiTokenResponse, meResponse, signInResponse } from './auth.schema.js';

export interface AuthRouteDependencies {
  prisma: PrismaClient;
  auth: AuthSettings;
}

/** What authRoutes serves, for the route table and its access matrix (test/api/auth.test.ts checks they agree). */
export const authRouteList = [
  { method: 'post', path: '/api/sign-in', action: 'session.create' },
  { method: 'post', path: '/api/sign-out', action: 'session.delete' },
  { method: 'get', path: '/api/me', action: 'me.read' },
  { method: 'patch', path: '/api/me', action: 'me.update' },
  { method: 'post', path: '/api/tokens', action: 'token.create' },
  { method: 'delete', path: '/api/tokens/:tokenId', action: 'token.revoke' },
  { method: 'get', path: '/api/tokens', action: 'token.list' },
] as const satisfies readonly Omit<Route, 'handler'>[];

// Answers carrying a session's CSRF token, a new API token or a person's own details must never sit in a
// cache. (Every API answer is no-store by default, src/api/cache-control.ts; these say so themselves too.)
function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

/**
 * Failed sign-ins per IP address, answered with 429 problem details. Failures only: a council office behind
 * one address signs many people in at nine o'clock. This bounds guessing at many accounts from one address;
 * signIn's throttle (src/auth/sign-in-throttle.ts) slows guessing at one account, per address. The count is
 * per process (express-rate-limit's memory store).
 */
export function signInRateLimit(auth: AuthSettings): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: auth.signInAttemptsPerMinute,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(
        new AppError('too_many_requests', {
          cy: 'Gormod o ymdrechion i fewngofnodi o’r cyfeiriad hwn. Arhoswch funud a rhowch gynnig arall arni.',
          en: 'Too many sign-in attempts from this address. Wait a minute and try again.',
        }),
      );
    },
  });
}

/** Runs `first` (a middleware) and then `handler`, as one handler for the route table. */
export function after(first: RequestHandler, handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    void first(req, res, (error?: unknown) => {
      if (error) next(error);
      else handler(req, res).catch(next);
    });
  };
}

/** Sign-in and sign-out, the signed-in person's own details, and their API tokens. */
export function authRoutes({ prisma, auth }: AuthRouteDependencies): Route[] {
  const csrfTokenOf = (req: Request) => sessionCsrfToken(req, auth);

  const signInWithPassword = async (req: Request, res: Response): Promise<void> => {
    const input = signInInput.parse(req.body);
    const previous = authenticationOf(req);
    const { session, actor } = await startPasswordSession({
      prisma,
      input,
      now: new Date(),
      address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      auth,
      ...(previous?.method === 'session' ? { previousSessionToken: previous.sessionToken } : {}),
    }).catch((error: unknown) => {
      if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
    setSessionCookie(res, session, auth);
    noStore(res).json({ person: personView(actor), csrfToken: csrfTokenFor(session.token, auth.sessionSecret) });
  };

  return [
    {
      ...authRouteList[0],
      handler: after(signInRateLimit(auth), signInWithPassword),
      // The answer carries a CSRF token and sets a session cookie: never stored for replay.
      idempotency: 'none',
      docs: {
        summary: 'Sign in with an email address and password',
        description:
          'Sets the session cookie and returns the CSRF token to send with unsafe requests. Ends any session the browser had. ' +
          'Wrong passwords are counted per account and client address together: after SIGN_IN_FREE_FAILURES of them, that address ' +
          'must wait before trying that account again, twice as long each time up to SIGN_IN_MAX_DELAY_SECONDS (429 with Retry-After); ' +
          'other addresses are not held up.',
        tags: ['Sign-in'],
        body: signInInput,
        responses: { 200: { description: 'Signed in', body: signInResponse } },
        problems: [429],
      },
    },
    {
      ...authRouteList[1],
      handler: async (req, res) => {
        const authentication = authenticationOf(req);
        if (authentication?.method === 'session') await endSession({ prisma, token: authentication.sessionToken });
        clearSessionCookie(res, auth);
        res.status(204).end();
      },
      idempotency: 'none',
      docs: {
        summary: 'Sign out',
        description: 'Ends the session and clears its cookie. Signing out twice is harmless.',
        tags: ['Sign-in'],
        responses: { 204: { description: 'Signed out' } },
      },
    },
    {
      ...authRouteList[2],
      handler: (req, res) => {
        noStore(res).json(meView(requireActor(req), csrfTokenOf(req)));
      },
      docs: {
        summary: 'Who is signed in, with their roles and CSRF token',
        tags: ['Sign-in'],
        responses: { 200: { description: 'The signed-in person', body: meResponse } },
      },
    },
    {
      ...authRouteList[3],
      handler: async (req, res) => {
        const actor = requireActor(req);
        const input = setLanguageInput.parse(req.body);
        await setLanguage({ prisma, personId: actor.personId, input });
        const updated = await loadActor(prisma, actor.personId);
        if (!updated) throw new Error(`Person ${actor.personId} vanished while changing language`);
        noStore(res).json(meView(updated, csrfTokenOf(req)));
      },
      docs: {
        summary: 'Choose Welsh or English',
        tags: ['Sign-in'],
        body: setLanguageInput,
        responses: { 200: { description: 'The signed-in person, updated', body: meResponse } },
      },
    },
    {
      ...authRouteList[4],
      handler: async (req, res) => {
        const actor = requireActor(req);
        // A stolen token must not be able to mint itself successors: new tokens need a person signed in.
        if (authenticationOf(req)?.method !== 'session') {
          throw new AppError('forbidden', {
            cy: 'Mewngofnodwch ar y we i greu tocynnau API; ni all tocyn API greu un arall',
            en: 'Sign in on the web to create API tokens; an API token cannot create another',
          });
        }
        const input = createApiTokenInput.parse(req.body);
        const created = await createApiToken({ prisma, personId: actor.personId, input, now: new Date(), maxLifetimeDays: auth.apiTokenMaxDays });
        noStore(res).status(201).json(created);
      },
      // The answer is the only copy of a new bearer token: never stored for replay.
      idempotency: 'none',
      docs: {
        summary: 'Create an API token',
        description:
          'Only from a web session: an API token cannot create another. The token is shown once. Every token expires: at `expiresAt` if given ' +
          `(in the future, at most API_TOKEN_MAX_DAYS (${auth.apiTokenMaxDays} here) away), otherwise that many days from now; \`expiresAt: null\` is refused.`,
        tags: ['Sign-in'],
        body: createApiTokenInput,
        responses: { 201: { description: 'Created', body: createdApiTokenResponse } },
      },
    },
    {
      ...authRouteList[5],
      handler: async (req, res) => {
        const actor = requireActor(req);
        const { tokenId } = apiTokenParams.parse(req.params);
        await revokeApiToken({ prisma, personId: actor.personId, tokenId, now: new Date() });
        res.status(204).end();
      },
      docs: {
        summary: 'Revoke one of your API tokens',
        description: 'The token stops working at once. Revoking it again is harmless; someone else’s token is not found.',
        tags: ['Sign-in'],
        params: apiTokenParams,
        responses: { 204: { description: 'Revoked' } },
      },
    },
    {
      ...authRouteList[6],
      handler: async (req, res) => {
        const actor = requireActor(req);
        const tokens = await listApiTokens({ prisma, personId: actor.personId, now: new Date(), maxLifetimeDays: auth.apiTokenMaxDays });
        noStore(res).json({ tokens });
      },
      docs: {
        summary: 'List your API tokens that still work, with when each expires',
        tags: ['Sign-in'],
        responses: { 200: { description: 'Your tokens, newest first', body: apiTokenListResponse } },
      },
    },
  ];
}
