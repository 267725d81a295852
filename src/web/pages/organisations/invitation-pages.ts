import type { Request, Response } from 'express';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import { readableDate } from '../../../domain/wales-time.js';
import { acceptInvitation, unusableInvitation } from '../../../operations/organisations/accept-invitation.js';
import { findInvitation } from '../../../operations/organisations/find-invitation.js';
import { invitationPath } from '../../../operations/organisations/invite-to-organisation.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';

// The page a mailed invitation link opens. Signed out, it offers signing in or creating an account, each
// coming back here; signed in, the Accept button. Links that no longer work say why, plainly.

export function invitationPages(deps: PageDependencies): Route[] {
  const { prisma } = deps;
  const tokenOf = (req: Request) => String(req.params.token);

  const show = async (req: Request, res: Response, refusal?: { status: number; text: string }) => {
    const language = pageLanguage(req);
    const token = tokenOf(req);
    const invitation = await findInvitation({ prisma, token, now: new Date() });
    const acceptedByReader = invitation?.state === 'accepted' && req.actor !== undefined && invitation.acceptedById === req.actor.personId;
    const unusable = acceptedByReader ? null : unusableInvitation(invitation?.state ?? null);
    const here = invitationPath(token);
    renderPage(
      req,
      res,
      deps,
      'pages/organisations/invitation.njk',
      {
        invitation: invitation && {
          organisationId: invitation.organisationId,
          organisationName: invitation.organisationName,
          adviserBodyName: invitation.adviserBodyName,
          isAdviser: invitation.role === 'adviser',
          expiresText: readableDate(invitation.expiresAt, language),
        },
        acceptedByReader,
        unusableText: unusable?.[language] ?? null,
        refusalText: refusal?.text ?? null,
        here,
        signInHref: `/sign-in?next=${encodeURIComponent(here)}`,
        createAccountHref: `/create-account?next=${encodeURIComponent(here)}`,
      },
      refusal?.status ?? (invitation === null ? 404 : unusable ? 410 : 200),
    );
  };

  const accept = async (req: Request, res: Response) => {
    const token = tokenOf(req);
    try {
      const accepted = await acceptInvitation({ prisma, actor: req.actor, token, now: new Date() });
      // A member goes to the group's page; an adviser's way into the group's cases is through the cases.
      res.redirect(303, accepted.role === 'applicant_member' ? `/organisations/${accepted.organisationId}?done=joined` : invitationPath(token));
    } catch (error) {
      // Another address, or a link used, withdrawn or expired: the page again, saying so.
      if (!(error instanceof AppError) || !['forbidden', 'conflict', 'not_found'].includes(error.code)) throw error;
      const status = error.code === 'forbidden' ? 403 : error.code === 'not_found' ? 404 : 410;
      await show(req, res, { status, text: error.detail[pageLanguage(req)] });
    }
  };

  return [
    { method: 'get', path: '/invitations/:token', action: 'page.read', page: true, handler: (req, res) => show(req, res) },
    { method: 'post', path: '/invitations/:token', action: 'invitation.accept', page: true, handler: accept },
  ];
}
