import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AccountLinkState } from '../../../operations/accounts/account-tokens.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { renderPage } from '../../render.js';

// What the account pages share: the email field as every one of them asks for it, and the page that says a
// link cannot be used and offers a new one.

export const emailField = z.string().trim().min(1, 'account.emailMissing').max(320, 'account.emailInvalid').pipe(z.email('account.emailInvalid'));

/** The mail the pages' operations send, through the workflow that delivers mail belonging to no case. */
export function pageMail(deps: PageDependencies) {
  return { temporal: deps.temporal, taskQueue: deps.taskQueue };
}

/** A link that is used, expired or unknown: a page saying which, offering a new one where that is asked for. */
export function showRefusedLink(
  req: Request,
  res: Response,
  deps: PageDependencies,
  { state, purpose }: { state: Exclude<AccountLinkState, 'usable'>; purpose: 'email_confirmation' | 'password_reset' },
): void {
  // Gone for a link that was good once; not found for one that never was.
  const status = state === 'unknown' ? 404 : 410;
  renderPage(req, res, deps, 'pages/accounts/link-refused.njk', { state, purpose }, status);
}
