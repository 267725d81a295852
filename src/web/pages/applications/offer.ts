import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import { findApplicationFor } from '../../../operations/applications/find-application.js';
import { getApplication } from '../../../operations/applications/get-application.js';
import { getOfferLetter } from '../../../operations/applications/get-offer-letter.js';
import { runApplicationCommand } from '../../../operations/applications/run-application-command.js';
import { emptyForm, refusedForm, requiredText, typedValues, type FormState } from '../../forms.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// The grant offer as the group reads it: the letter itself (get-offer-letter's HTML, the same words as its
// PDF), the conditions, and the lead's answer to it: accepting with the declaration, or declining with a
// reason after being asked to confirm. Members read the letter and are told only the lead can answer it.

const acceptanceForm = z.object({
  declaration: z.literal('yes', 'offer.declarationMissing').transform(() => true as const),
  signatoryName: requiredText(200, 'offer.signatoryNameMissing'),
});

const declineForm = z.object({ reason: requiredText(2000, 'offer.reasonMissing') });

/** The letter's own markup, inside the page: its body only, its sections keeping their languages. */
function letterBody(html: string): string {
  const start = html.indexOf('<body>');
  const end = html.lastIndexOf('</body>');
  return start >= 0 && end > start ? html.slice(start + '<body>'.length, end) : '';
}

export function offerPages(deps: PageDependencies): Route[] {
  const { prisma, cfpPolicies } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  const command = (req: Request, name: 'acceptOffer' | 'declineOffer', input: unknown) =>
    runApplicationCommand({
      prisma,
      signals: deps.caseEventSignals,
      temporal: deps.temporal,
      policies: cfpPolicies,
      actor: req.actor,
      reference: referenceOf(req),
      command: name,
      input,
      now: new Date(),
    });

  const show = async (req: Request, res: Response, status: number, form: FormState) => {
    const reference = referenceOf(req);
    const view = await getApplication({ prisma, actor: req.actor, reference, language: pageLanguage(req) });
    const letter = await getOfferLetter({ prisma, actor: req.actor, reference, format: 'html' });
    const { actingAs } = await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.read' });
    renderPage(
      req,
      res,
      deps,
      'pages/applications/offer.njk',
      {
        ...form,
        application: view,
        letterHtml: letterBody(String(letter.body)),
        isLead: actingAs?.role === 'applicant_lead',
        open: view.status === 'offered',
      },
      status,
    );
  };

  const pdf = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    const letter = await getOfferLetter({ prisma, actor: req.actor, reference, format: 'pdf' });
    res.type(letter.contentType).attachment(`${reference}-offer.pdf`).send(letter.body);
  };

  const accept = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    // Whether they may, before what they sent: an outsider learns nothing from the form's errors.
    await findApplicationFor({ prisma, actor: req.actor, reference: referenceOf(req), action: 'application.apply' });
    const values = typedValues(req.body);
    const parsed = acceptanceForm.safeParse(values);
    if (!parsed.success) return show(req, res, 422, refusedForm(parsed.error, language, values));
    await command(req, 'acceptOffer', parsed.data);
    res.redirect(303, `/applications/${referenceOf(req)}`);
  };

  /** Only the lead answers the offer: a member is told so before any form to decline it. */
  const asLead = async (req: Request) => {
    const { actingAs } = await findApplicationFor({ prisma, actor: req.actor, reference: referenceOf(req), action: 'application.apply' });
    if (actingAs?.role !== 'applicant_lead')
      throw new AppError('forbidden', { cy: 'Dim ond arweinydd y grŵp all wrthod y cynnig', en: 'Only the group’s lead can decline the offer' });
    return getApplication({ prisma, actor: req.actor, reference: referenceOf(req), language: pageLanguage(req) });
  };

  const showDecline = async (req: Request, res: Response, status: number, form: FormState) => {
    const application = await asLead(req);
    renderPage(req, res, deps, 'pages/applications/offer-decline.njk', { ...form, application }, status);
  };

  /** The reason given, the person is asked once more: declining ends the application. */
  const confirmDecline = async (req: Request, res: Response) => {
    const application = await asLead(req);
    const values = typedValues(req.body);
    const parsed = declineForm.safeParse(values);
    if (!parsed.success) return showDecline(req, res, 422, refusedForm(parsed.error, pageLanguage(req), values));
    renderPage(req, res, deps, 'pages/applications/offer-decline-confirm.njk', { application, reason: parsed.data.reason });
  };

  const decline = async (req: Request, res: Response) => {
    const values = typedValues(req.body);
    const parsed = declineForm.safeParse(values);
    if (!parsed.success) return showDecline(req, res, 422, refusedForm(parsed.error, pageLanguage(req), values));
    await command(req, 'declineOffer', parsed.data);
    res.redirect(303, `/applications/${referenceOf(req)}`);
  };

  const path = '/applications/:reference/offer';
  return [
    { method: 'get', path, action: 'application.read', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'get', path: `${path}.pdf`, action: 'application.read', page: true, handler: pdf },
    { method: 'post', path: `${path}/acceptance`, action: 'application.apply', page: true, handler: accept },
    { method: 'get', path: `${path}/decline`, action: 'application.apply', page: true, handler: (req, res) => showDecline(req, res, 200, emptyForm) },
    { method: 'post', path: `${path}/decline`, action: 'application.apply', page: true, handler: confirmDecline },
    { method: 'post', path: `${path}/decline/confirmation`, action: 'application.apply', page: true, handler: decline },
  ];
}
