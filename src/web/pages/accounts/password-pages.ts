import type { Request, Response } from 'express';
import { z } from 'zod';
import { setSessionCookie } from '../../../api/authenticate.js';
import type { Route } from '../../../api/route-table.js';
import { accountLinkRateLimit, clientAddress, previousSession } from '../../../api/routes/accounts.js';
import { after } from '../../../api/routes/auth.js';
import { AccountLinkRefused, inspectAccountToken } from '../../../operations/accounts/account-tokens.js';
import { changePassword, WrongCurrentPassword } from '../../../operations/accounts/change-password.js';
import { PasswordRefused } from '../../../operations/accounts/create-account.js';
import { requestPasswordReset } from '../../../operations/accounts/request-password-reset.js';
import { resetPassword } from '../../../operations/accounts/reset-password.js';
import { SignInThrottled } from '../../../auth/sign-in.js';
import { emptyForm, refusedForm, typedValues, withErrors, type FormState } from '../../forms.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import { emailField, pageMail, showRefusedLink } from './account-forms.js';

// A forgotten password (a link mailed, then a new password chosen with it) and a signed-in person changing
// theirs: the same operations as the API's (requestPasswordReset, resetPassword, changePassword).

const forgottenForm = z.object({ email: emailField });
const resetForm = z.object({ password: z.string().min(1, 'account.newPasswordMissing').max(1024, 'account.passwordTooLong') });
const changeForm = z.object({
  currentPassword: z.string().min(1, 'account.currentPasswordMissing').max(1024, 'account.passwordTooLong'),
  newPassword: z.string().min(1, 'account.newPasswordMissing').max(1024, 'account.passwordTooLong'),
});

export function passwordPages(deps: PageDependencies): Route[] {
  const { prisma, auth } = deps;

  const show =
    (template: string) =>
    (req: Request, res: Response, status: number, form: FormState, extra: object = {}) =>
      renderPage(req, res, deps, `pages/accounts/${template}`, { ...form, ...extra }, status);
  const showForgotten = show('forgotten-password.njk');
  const showReset = show('reset-password.njk');
  const showChange = show('change-password.njk');
  const tokenOf = (req: Request) => String(req.params.token ?? '');

  return [
    { method: 'get', path: '/forgotten-password', action: 'page.read', page: true, handler: (req, res) => showForgotten(req, res, 200, emptyForm) },
    {
      method: 'post',
      path: '/forgotten-password',
      action: 'password_reset.request',
      page: true,
      handler: after(accountLinkRateLimit(auth), async (req, res) => {
        const parsed = forgottenForm.safeParse(req.body ?? {});
        if (!parsed.success) return showForgotten(req, res, 422, refusedForm(parsed.error, pageLanguage(req), typedValues(req.body)));
        await requestPasswordReset({ prisma, email: parsed.data.email.toLowerCase(), now: new Date(), auth, mail: pageMail(deps) });
        res.redirect(303, '/check-your-email?about=password');
      }),
    },
    {
      method: 'get',
      path: '/reset-password/:token',
      action: 'page.read',
      page: true,
      handler: async (req, res) => {
        const token = tokenOf(req);
        const { state } = await inspectAccountToken(prisma, { token, purpose: 'password_reset', now: new Date() });
        if (state !== 'usable') return showRefusedLink(req, res, deps, { state, purpose: 'password_reset' });
        showReset(req, res, 200, emptyForm, { action: `/reset-password/${token}` });
      },
    },
    {
      method: 'post',
      path: '/reset-password/:token',
      action: 'password_reset.complete',
      page: true,
      idempotency: 'none',
      handler: async (req, res) => {
        const token = tokenOf(req);
        const action = { action: `/reset-password/${token}` };
        // Nothing typed here is shown back: the only field is the new password.
        const parsed = resetForm.safeParse(req.body ?? {});
        if (!parsed.success) return showReset(req, res, 422, refusedForm(parsed.error, pageLanguage(req), {}), action);
        try {
          const reset = await resetPassword({
            prisma,
            input: { token, password: parsed.data.password },
            now: new Date(),
            auth,
            previousSessionToken: previousSession(req),
          });
          setSessionCookie(res, reset.session, auth);
          res.redirect(303, '/dashboard');
        } catch (error) {
          if (error instanceof AccountLinkRefused) return showRefusedLink(req, res, deps, { state: error.state, purpose: 'password_reset' });
          if (!(error instanceof PasswordRefused)) throw error;
          showReset(req, res, 422, withErrors({}, [['password', error.detail[pageLanguage(req)]]]), action);
        }
      },
    },
    {
      method: 'get',
      path: '/account/password',
      action: 'me.password',
      page: true,
      handler: (req, res) => showChange(req, res, 200, emptyForm, { changed: req.query.changed === '1' }),
    },
    {
      method: 'post',
      path: '/account/password',
      action: 'me.password',
      page: true,
      handler: async (req, res) => {
        const actor = req.actor;
        if (!actor) throw new Error('me.password lets only a signed-in person through');
        const parsed = changeForm.safeParse(req.body ?? {});
        if (!parsed.success) return showChange(req, res, 422, refusedForm(parsed.error, pageLanguage(req), {}));
        try {
          await changePassword({
            prisma,
            personId: actor.personId,
            input: parsed.data,
            now: new Date(),
            address: clientAddress(req),
            auth,
            keepSessionToken: previousSession(req),
          });
        } catch (error) {
          const language = pageLanguage(req);
          if (error instanceof WrongCurrentPassword || error instanceof SignInThrottled) {
            if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
            return showChange(req, res, error instanceof SignInThrottled ? 429 : 422, withErrors({}, [['currentPassword', error.detail[language]]]));
          }
          if (!(error instanceof PasswordRefused)) throw error;
          return showChange(req, res, 422, withErrors({}, [['newPassword', error.detail[language]]]));
        }
        res.redirect(303, '/account/password?changed=1');
      },
    },
  ];
}
