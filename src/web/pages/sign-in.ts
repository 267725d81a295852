import type { Request, Response } from 'express';
import { z } from 'zod';
import { authenticationOf, clearSessionCookie, setSessionCookie } from '../../api/authenticate.js';
import type { Route } from '../../api/route-table.js';
import { after, signInRateLimit } from '../../api/routes/auth.js';
import { endSession } from '../../auth/sessions.js';
import { SignInThrottled } from '../../auth/sign-in.js';
import { startPasswordSession } from '../../auth/start-password-session.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { pageLanguage } from '../page-language.js';
import { emptyForm, ownPath, refusedForm, withErrors, type FormState } from '../forms.js';
import { renderPage, type PageContext } from '../render.js';

// Signing in and out as pages: the same operation as POST /api/sign-in (startPasswordSession), then
// POST-redirect-GET to where the person was going.

/** The form as typed; each refusal names its message key, shown in the page's language. */
const signInForm = z.object({
  email: z.string().trim().min(1, 'signIn.emailMissing').max(320, 'signIn.emailInvalid').pipe(z.email('signIn.emailInvalid')),
  password: z.string().min(1, 'signIn.passwordMissing').max(1024, 'signIn.passwordMissing'),
  next: z.string().optional(),
});

export interface SignInPageDependencies extends PageContext {
  prisma: PrismaClient;
}

export function signInPages(context: SignInPageDependencies): Route[] {
  const { prisma, auth } = context;

  const show = (req: Request, res: Response, status: number, form: FormState, next: string) =>
    renderPage(req, res, context, 'pages/sign-in.njk', { ...form, next }, status);

  const signIn = async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = ownPath(body.next);
    // The password is never shown back.
    const typed = { email: typeof body.email === 'string' ? body.email : '' };
    const parsed = signInForm.safeParse(body);
    if (!parsed.success) return show(req, res, 422, refusedForm(parsed.error, pageLanguage(req), typed), next);
    const previous = authenticationOf(req);
    try {
      const { session } = await startPasswordSession({
        prisma,
        input: { email: parsed.data.email.toLowerCase(), password: parsed.data.password },
        now: new Date(),
        address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        auth,
        ...(previous?.method === 'session' ? { previousSessionToken: previous.sessionToken } : {}),
      });
      setSessionCookie(res, session, auth);
      res.redirect(303, next);
    } catch (error) {
      // Wrong credentials and waiting are the person's to fix: the form again, saying why, in their language.
      if (!(error instanceof AppError) || !(error.code === 'unauthenticated' || error instanceof SignInThrottled)) throw error;
      if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
      const text = error.detail[pageLanguage(req)];
      show(req, res, error instanceof SignInThrottled ? 429 : 422, withErrors(typed, [['email', text]]), next);
    }
  };

  return [
    {
      method: 'get',
      path: '/sign-in',
      action: 'page.read',
      page: true,
      handler: (req, res) =>
        renderPage(req, res, context, 'pages/sign-in.njk', { ...emptyForm, next: ownPath(req.query.next), signedOut: req.query['signed-out'] === '1' }),
    },
    {
      method: 'post',
      path: '/sign-in',
      action: 'session.create',
      page: true,
      idempotency: 'none',
      handler: after(signInRateLimit(auth), signIn),
    },
    {
      method: 'post',
      path: '/sign-out',
      action: 'session.delete',
      page: true,
      idempotency: 'none',
      handler: async (req, res) => {
        const authentication = authenticationOf(req);
        if (authentication?.method === 'session') await endSession({ prisma, token: authentication.sessionToken });
        clearSessionCookie(res, auth);
        res.redirect(303, '/');
      },
    },
  ];
}
