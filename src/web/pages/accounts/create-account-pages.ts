import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { accountCreationRateLimit } from '../../../api/routes/accounts.js';
import { after } from '../../../api/routes/auth.js';
import { createAccount, PasswordRefused } from '../../../operations/accounts/create-account.js';
import { emptyForm, ownPath, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import { emailField, pageMail } from './account-forms.js';

// Creating an account as a page: the same operation as POST /api/accounts (createAccount), then the page
// that says to check one's email, whether or not the address already had an account.

const createAccountForm = z.object({
  name: requiredText(200, 'account.nameMissing'),
  email: emailField,
  password: z.string().min(1, 'account.passwordMissing').max(1024, 'account.passwordTooLong'),
  language: z.enum(['cy', 'en'], { error: 'account.languageMissing' }),
});

/** Where the account's confirmation leads: a path of ours, or nowhere named (the dashboard). */
function nextOf(value: unknown): string {
  return ownPath(value, '');
}

export function createAccountPages(deps: PageDependencies): Route[] {
  const { prisma, auth } = deps;

  const show = (req: Request, res: Response, status: number, form: FormState, next: string) =>
    renderPage(req, res, deps, 'pages/accounts/create-account.njk', { ...form, next }, status);

  const create = async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = nextOf(body.next);
    // The password is never shown back.
    const typed = typedValues(body);
    delete typed.password;
    delete typed.next;
    const parsed = createAccountForm.safeParse(body);
    if (!parsed.success) return show(req, res, 422, refusedForm(parsed.error, pageLanguage(req), typed), next);
    try {
      await createAccount({
        prisma,
        input: { ...parsed.data, email: parsed.data.email.toLowerCase(), ...(next ? { next } : {}) },
        now: new Date(),
        auth,
        mail: pageMail(deps),
      });
    } catch (error) {
      if (!(error instanceof PasswordRefused)) throw error;
      return show(req, res, 422, withErrors(typed, [['password', error.detail[pageLanguage(req)]]]), next);
    }
    res.redirect(303, '/check-your-email');
  };

  return [
    {
      method: 'get',
      path: '/create-account',
      action: 'page.read',
      page: true,
      handler: (req, res) => show(req, res, 200, { ...emptyForm, values: { language: pageLanguage(req) } }, nextOf(req.query.next)),
    },
    { method: 'post', path: '/create-account', action: 'account.create', page: true, handler: after(accountCreationRateLimit(auth), create) },
    {
      method: 'get',
      path: '/check-your-email',
      action: 'page.read',
      page: true,
      handler: (req, res) =>
        renderPage(req, res, deps, 'pages/accounts/check-your-email.njk', { about: req.query.about === 'password' ? 'password' : 'account' }),
    },
  ];
}
