import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Client } from '@temporalio/client';
import { changePassword, changePasswordInput } from '../../operations/accounts/change-password.js';
import { confirmEmail } from '../../operations/accounts/confirm-email.js';
import { createAccount, createAccountInput } from '../../operations/accounts/create-account.js';
import { requestPasswordReset } from '../../operations/accounts/request-password-reset.js';
import { resendConfirmation } from '../../operations/accounts/resend-confirmation.js';
import { resetPassword, resetPasswordInput } from '../../operations/accounts/reset-password.js';
import { csrfTokenFor } from '../../auth/csrf.js';
import { personView } from '../../auth/me-view.js';
import type { AuthSettings } from '../../auth/settings.js';
import { SignInThrottled } from '../../auth/sign-in.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Logger } from '../../log.js';
import { authenticationOf, requireActor, setSessionCookie } from '../authenticate.js';
import type { Route } from '../route-table.js';
import { after } from './auth.js';
import {
  accountMailAnswer,
  confirmedResponse,
  emailConfirmationInput,
  emailOnlyInput,
  passwordResetResponse,
  type AccountMailAnswer,
} from './accounts.schema.js';

export interface AccountRouteDependencies {
  prisma: PrismaClient;
  auth: AuthSettings;
  temporal: Client;
  taskQueue: string;
  logger?: Pick<Logger, 'error'>;
}

/** What accountRoutes serves, for the route table and its access matrix. */
export const accountRouteList = [
  { method: 'post', path: '/api/accounts', action: 'account.create' },
  { method: 'post', path: '/api/accounts/email-confirmation', action: 'account.confirm_email' },
  { method: 'post', path: '/api/accounts/email-confirmation/resend', action: 'account.resend_confirmation' },
  { method: 'post', path: '/api/password-resets', action: 'password_reset.request' },
  { method: 'post', path: '/api/password-resets/completion', action: 'password_reset.complete' },
  { method: 'put', path: '/api/me/password', action: 'me.password' },
] as const satisfies readonly Omit<Route, 'handler'>[];

type LimitedRequest = 'creation' | 'link';

const limiters = new WeakMap<AuthSettings, Map<LimitedRequest, RequestHandler>>();

const tooMany = {
  creation: {
    cy: 'Gormod o gyfrifon wedi’u creu o’r cyfeiriad hwn. Rhowch gynnig arall arni ymhen awr.',
    en: 'Too many accounts created from this address. Try again in an hour.',
  },
  link: {
    cy: 'Gormod o geisiadau am ddolenni o’r cyfeiriad hwn. Rhowch gynnig arall arni ymhen awr.',
    en: 'Too many requests for links from this address. Try again in an hour.',
  },
} as const;

/**
 * Requests per IP address per hour that mail someone, answered with 429 problem details: accounts created
 * (or tried: a taken address mails its owner), ACCOUNT_CREATIONS_PER_HOUR; new confirmation links and
 * password resets, ACCOUNT_LINK_REQUESTS_PER_HOUR. One count per kind for the API and the pages together,
 * so using both does not double it. This bounds the mail a stranger can have sent to others. Per process,
 * as sign-in's limit is (express-rate-limit's memory store).
 */
function hourlyLimit(auth: AuthSettings, kind: LimitedRequest): RequestHandler {
  const forAuth = limiters.get(auth) ?? new Map<LimitedRequest, RequestHandler>();
  limiters.set(auth, forAuth);
  const known = forAuth.get(kind);
  if (known) return known;
  const limiter = rateLimit({
    windowMs: 60 * 60_000,
    limit: kind === 'creation' ? auth.accountCreationsPerHour : auth.accountLinkRequestsPerHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('too_many_requests', tooMany[kind])),
  });
  forAuth.set(kind, limiter);
  return limiter;
}

export function accountCreationRateLimit(auth: AuthSettings): RequestHandler {
  return hourlyLimit(auth, 'creation');
}

export function accountLinkRateLimit(auth: AuthSettings): RequestHandler {
  return hourlyLimit(auth, 'link');
}

/** The client's address, which limits and throttles count against. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** The session this browser had, which signing in again ends. */
export function previousSession(req: Request): string | undefined {
  const previous = authenticationOf(req);
  return previous?.method === 'session' ? previous.sessionToken : undefined;
}

const mailedAnswer: AccountMailAnswer = { status: 'mail_sent_if_known' };

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

/** Creating an account, confirming its address, forgotten passwords and changing one's password. */
export function accountRoutes({ prisma, auth, temporal, taskQueue, logger }: AccountRouteDependencies): Route[] {
  const mail = { temporal, taskQueue, logger };

  const create = async (req: Request, res: Response): Promise<void> => {
    const input = createAccountInput.parse(req.body);
    await createAccount({ prisma, input, now: new Date(), auth, mail });
    res.status(202).json(mailedAnswer);
  };

  return [
    {
      ...accountRouteList[0],
      handler: after(accountCreationRateLimit(auth), create),
      docs: {
        summary: 'Create an account',
        description:
          'The account cannot sign in until its email address is confirmed: a link is mailed to it, in the language chosen, working once for ' +
          `ACCOUNT_CONFIRMATION_HOURS (${auth.accountConfirmationHours} here). The answer is the same for an address that already has an account: ` +
          'nothing is created and its owner is mailed instead. At most ACCOUNT_CREATIONS_PER_HOUR tries per client address per hour (429). ' +
          'The password must be at least 12 characters and not the email address (400 otherwise).',
        tags: ['Accounts'],
        body: createAccountInput,
        responses: { 202: { description: 'Mail sent to the address given', body: accountMailAnswer } },
        problems: [429],
      },
    },
    {
      ...accountRouteList[1],
      handler: async (req, res) => {
        const { token } = emailConfirmationInput.parse(req.body);
        const confirmed = await confirmEmail({ prisma, token, now: new Date(), auth, previousSessionToken: previousSession(req) });
        setSessionCookie(res, confirmed.session, auth);
        noStore(res).json({ person: personView(confirmed.actor), csrfToken: csrfTokenFor(confirmed.session.token, auth.sessionSecret), next: confirmed.next });
      },
      // The answer carries a CSRF token and sets a session cookie: never stored for replay.
      idempotency: 'none',
      docs: {
        summary: 'Confirm an email address and sign in',
        description:
          'Uses the link mailed on creating the account (its last part is the token): the address is confirmed and the person signed in, ' +
          'as POST /api/sign-in does. A link works once: used (409), expired (409) or unknown (404), ask for a new one.',
        tags: ['Accounts'],
        body: emailConfirmationInput,
        responses: { 200: { description: 'Confirmed and signed in', body: confirmedResponse } },
        problems: [404, 409],
      },
    },
    {
      ...accountRouteList[2],
      handler: after(accountLinkRateLimit(auth), async (req, res) => {
        const { email } = emailOnlyInput.parse(req.body);
        await resendConfirmation({ prisma, email, now: new Date(), auth, mail });
        res.status(202).json(mailedAnswer);
      }),
      docs: {
        summary: 'Send a new link to confirm an email address',
        description:
          'Mails a new link if the address has an account not yet confirmed; the same answer for every address. ' +
          'At most ACCOUNT_LINK_REQUESTS_PER_HOUR of these and password resets per client address per hour (429).',
        tags: ['Accounts'],
        body: emailOnlyInput,
        responses: { 202: { description: 'Mail sent if the address is waiting to be confirmed', body: accountMailAnswer } },
        problems: [429],
      },
    },
    {
      ...accountRouteList[3],
      handler: after(accountLinkRateLimit(auth), async (req, res) => {
        const { email } = emailOnlyInput.parse(req.body);
        await requestPasswordReset({ prisma, email, now: new Date(), auth, mail });
        res.status(202).json(mailedAnswer);
      }),
      docs: {
        summary: 'Forgotten password: mail a link to choose a new one',
        description:
          `The link works once, for PASSWORD_RESET_MINUTES (${auth.passwordResetMinutes} here). The same answer for every address. ` +
          'At most ACCOUNT_LINK_REQUESTS_PER_HOUR of these and new confirmation links per client address per hour (429).',
        tags: ['Accounts'],
        body: emailOnlyInput,
        responses: { 202: { description: 'Mail sent if the address has an account', body: accountMailAnswer } },
        problems: [429],
      },
    },
    {
      ...accountRouteList[4],
      handler: async (req, res) => {
        const input = resetPasswordInput.parse(req.body);
        const reset = await resetPassword({ prisma, input, now: new Date(), auth, previousSessionToken: previousSession(req) });
        setSessionCookie(res, reset.session, auth);
        noStore(res).json({ person: personView(reset.actor), csrfToken: csrfTokenFor(reset.session.token, auth.sessionSecret) });
      },
      idempotency: 'none',
      docs: {
        summary: 'Choose a new password with a link mailed',
        description:
          'Sets the password, ends every session of the person, confirms their email address, uses the link up and signs them in. ' +
          'A refused password (400) leaves the link working; a used or expired link is 409, an unknown one 404.',
        tags: ['Accounts'],
        body: resetPasswordInput,
        responses: { 200: { description: 'Password set and signed in', body: passwordResetResponse } },
        problems: [404, 409],
      },
    },
    {
      ...accountRouteList[5],
      handler: async (req, res) => {
        const actor = requireActor(req);
        const input = changePasswordInput.parse(req.body);
        await changePassword({
          prisma,
          personId: actor.personId,
          input,
          now: new Date(),
          address: clientAddress(req),
          auth,
          keepSessionToken: previousSession(req),
        }).catch((error: unknown) => {
          if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
          throw error;
        });
        res.status(204).end();
      },
      docs: {
        summary: 'Change your password',
        description:
          'With the current password (a wrong one is 400, and counts as a wrong sign-in would). Every other session of yours ends; ' +
          'the one making the change stays.',
        tags: ['Accounts'],
        body: changePasswordInput,
        responses: { 204: { description: 'Changed' } },
        problems: [429],
      },
    },
  ];
}
