import type { Request, Response } from 'express';
import { z } from 'zod';
import { setSessionCookie } from '../../../api/authenticate.js';
import type { Route } from '../../../api/route-table.js';
import { accountLinkRateLimit, previousSession } from '../../../api/routes/accounts.js';
import { after } from '../../../api/routes/auth.js';
import { AccountLinkRefused, inspectAccountToken } from '../../../operations/accounts/account-tokens.js';
import { confirmEmail } from '../../../operations/accounts/confirm-email.js';
import { resendConfirmation } from '../../../operations/accounts/resend-confirmation.js';
import { emptyForm, ownPath, refusedForm, typedValues, type FormState } from '../../forms.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import { emailField, pageMail, showRefusedLink } from './account-forms.js';

// Confirming an email address from the link mailed. Mail scanners open links to look at them, so opening
// the link (GET) only shows a button; pressing it (POST) uses the link up, confirms the address and signs
// the person in (confirmEmail, as POST /api/accounts/email-confirmation does).

const resendForm = z.object({ email: emailField });

export function confirmEmailPages(deps: PageDependencies): Route[] {
  const { prisma, auth } = deps;

  const showResend = (req: Request, res: Response, status: number, form: FormState) =>
    renderPage(req, res, deps, 'pages/accounts/resend-confirmation.njk', form, status);

  const tokenOf = (req: Request) => String(req.params.token ?? '');

  return [
    // Before /confirm-email/:token, which would otherwise take "resend" for a token.
    { method: 'get', path: '/confirm-email/resend', action: 'page.read', page: true, handler: (req, res) => showResend(req, res, 200, emptyForm) },
    {
      method: 'post',
      path: '/confirm-email/resend',
      action: 'account.resend_confirmation',
      page: true,
      handler: after(accountLinkRateLimit(auth), async (req, res) => {
        const parsed = resendForm.safeParse(req.body ?? {});
        if (!parsed.success) return showResend(req, res, 422, refusedForm(parsed.error, pageLanguage(req), typedValues(req.body)));
        await resendConfirmation({ prisma, email: parsed.data.email.toLowerCase(), now: new Date(), auth, mail: pageMail(deps) });
        res.redirect(303, '/check-your-email');
      }),
    },
    {
      method: 'get',
      path: '/confirm-email/:token',
      action: 'page.read',
      page: true,
      handler: async (req, res) => {
        const token = tokenOf(req);
        const { state } = await inspectAccountToken(prisma, { token, purpose: 'email_confirmation', now: new Date() });
        if (state !== 'usable') return showRefusedLink(req, res, deps, { state, purpose: 'email_confirmation' });
        // The link's own address, as the form posts back to it (never a path typed elsewhere).
        renderPage(req, res, deps, 'pages/accounts/confirm-email.njk', { action: `/confirm-email/${token}` });
      },
    },
    {
      method: 'post',
      path: '/confirm-email/:token',
      action: 'account.confirm_email',
      page: true,
      // It sets a session cookie: never stored for replay.
      idempotency: 'none',
      handler: async (req, res) => {
        try {
          const confirmed = await confirmEmail({ prisma, token: tokenOf(req), now: new Date(), auth, previousSessionToken: previousSession(req) });
          setSessionCookie(res, confirmed.session, auth);
          res.redirect(303, ownPath(confirmed.next, '/dashboard'));
        } catch (error) {
          if (!(error instanceof AccountLinkRefused)) throw error;
          showRefusedLink(req, res, deps, { state: error.state, purpose: 'email_confirmation' });
        }
      },
    },
  ];
}
