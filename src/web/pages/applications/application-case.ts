import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import type { Language } from '../../../domain/bilingual.js';
import { isClosed, type GroupAction } from '../../../domain/cfp/status.js';
import { findApplicationFor } from '../../../operations/applications/find-application.js';
import { getApplication } from '../../../operations/applications/get-application.js';
import { getApplicationTimeline } from '../../../operations/applications/get-application-timeline.js';
import { runApplicationCommand } from '../../../operations/applications/run-application-command.js';
import { emptyForm, refusedForm, requiredText, typedValues, type FormState } from '../../forms.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// A CFP application as its group follows it: where it stands in plain words, what the group must do and
// by when, what the programme does next and by when, the eligibility checks once screened, and what has
// happened (the timeline, kept up to date by src/web/assets/live-case.js while the page is open).
// And the group's way out: withdrawing, with a reason.

/** Where each of the group's next steps is done (the later steps' pages are their own). */
const actionPaths = {
  send_eoi: 'eoi',
  send_full_application: 'full-application',
  answer_information_request: 'information-request',
  respond_to_offer: 'offer',
} as const satisfies Record<GroupAction, string>;

const withdrawalForm = z.object({ reason: requiredText(2000, 'apply.withdraw.reasonMissing') });

export function applicationCasePages(deps: PageDependencies): Route[] {
  const { prisma } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  /** The timeline newest first, as MoJ's timeline is read, with times in the page's language. */
  const timelineOf = async (req: Request, language: Language) => {
    const entries = await getApplicationTimeline({ prisma, actor: req.actor, reference: referenceOf(req), language });
    return entries.toReversed().map((entry) => ({ label: { text: entry.summary }, datetime: { timestamp: entry.at, format: language } }));
  };

  /** Where the case stands and what has happened: the page's parts that change as the case does. */
  const progressOf = async (req: Request) => {
    const language = pageLanguage(req);
    const reference = referenceOf(req);
    const application = await getApplication({ prisma, actor: req.actor, reference, language });
    const { actingAs } = await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.read' });
    const ofGroup = actingAs?.role === 'applicant_lead' || actingAs?.role === 'applicant_member';
    return {
      application,
      ofGroup,
      actionHref: application.groupAction && `/applications/${reference}/${actionPaths[application.groupAction.action]}`,
      timeline: await timelineOf(req, language),
    };
  };

  const show = async (req: Request, res: Response) => {
    const progress = await progressOf(req);
    renderPage(req, res, deps, 'pages/applications/application.njk', {
      ...progress,
      withdrawable: progress.ofGroup && !isClosed(progress.application.status),
      sent: req.query.sent === 'eoi',
      withdrawn: req.query.withdrawn === '1',
    });
  };

  // The changing parts alone, for the page's script to put in place when something new has happened.
  const liveParts = async (req: Request, res: Response) => {
    renderPage(req, res, deps, 'partials/applications/timeline-fragment.njk', await progressOf(req));
  };

  const showWithdrawal = async (req: Request, res: Response, status: number, form: FormState) => {
    const reference = referenceOf(req);
    await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const application = await getApplication({ prisma, actor: req.actor, reference, language: pageLanguage(req) });
    renderPage(req, res, deps, 'pages/applications/withdraw.njk', { ...form, application }, status);
  };

  const withdraw = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    // Whether they may, before what they sent: an outsider learns nothing from the form's errors.
    await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const values = typedValues(req.body);
    const parsed = withdrawalForm.safeParse(values);
    if (!parsed.success) return showWithdrawal(req, res, 422, refusedForm(parsed.error, pageLanguage(req), values));
    await runApplicationCommand({
      ...deps,
      policies: deps.cfpPolicies,
      signals: deps.caseEventSignals,
      actor: req.actor,
      reference,
      command: 'withdraw',
      input: parsed.data,
      now: new Date(),
    });
    res.redirect(303, `/applications/${reference}?withdrawn=1`);
  };

  return [
    { method: 'get', path: '/applications/:reference', action: 'application.read', page: true, handler: show },
    { method: 'get', path: '/applications/:reference/timeline', action: 'application.read', page: true, handler: liveParts },
    {
      method: 'get',
      path: '/applications/:reference/withdrawal',
      action: 'application.apply',
      page: true,
      handler: (req, res) => showWithdrawal(req, res, 200, emptyForm),
    },
    { method: 'post', path: '/applications/:reference/withdrawal', action: 'application.apply', page: true, handler: withdraw },
  ];
}
