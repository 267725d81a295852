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
import type { Language } from '../../domain/bilingual.js';
import { translate, type MessageKey } from '../i18n/index.js';
import { pageLanguage } from '../page-language.js';
import { renderPage, type FieldError, type PageContext } from '../render.js';

// Signing in and out as pages: the same operation as POST /api/sign-in (startPasswordSession), then
// POST-redirect-GET to where the person was going.

/** The form as typed; each refusal names its message key, shown in the page's language. */
const signInForm = z.object({
  email: z.string().trim().min(1, 'signIn.emailMissing').max(320, 'signIn.emailInvalid').pipe(z.email('signIn.emailInvalid')),
  password: z.string().min(1, 'signIn.passwordMissing').max(1024, 'signIn.passwordMissing'),
  next: z.string().optional(),
});

/** Only a path of our own, never another site: `next` comes from the address bar. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function formErrors(error: z.ZodError, language: Language): { errors: Record<string, string>; errorList: FieldError[] } {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= translate(issue.message as MessageKey, language);
  }
  return { errors, errorList: Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text })) };
}

export interface SignInPageDependencies extends PageContext {
  prisma: PrismaClient;
}

export function signInPages(context: SignInPageDependencies): Route[] {
  const { prisma, auth } = context;

  const show = (
    req: Request,
    res: Response,
    status: number,
    form: { values?: object; errors?: Record<string, string>; errorList?: FieldError[]; next?: string },
  ) => renderPage(req, res, context, 'pages/sign-in.njk', { values: {}, errors: {}, errorList: [], ...form }, status);

  const signIn = async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const typed = { email: typeof body.email === 'string' ? body.email : '' };
    const parsed = signInForm.safeParse(body);
    if (!parsed.success) return show(req, res, 422, { values: typed, next, ...formErrors(parsed.error, pageLanguage(req)) });
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
      show(req, res, error instanceof SignInThrottled ? 429 : 422, { values: typed, next, errors: { email: text }, errorList: [{ href: '#email', text }] });
    }
  };

  return [
    {
      method: 'get',
      path: '/sign-in',
      action: 'page.read',
      page: true,
      handler: (req, res) => show(req, res, 200, { next: safeNext(req.query.next) }),
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
