import type { Request, Response } from 'express';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import { findApplicationFor } from '../../../operations/applications/find-application.js';
import { getApplication } from '../../../operations/applications/get-application.js';
import { runApplicationCommand } from '../../../operations/applications/run-application-command.js';
import { emptyForm, refusedForm, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { eoiSections, sectionNamed, sectionStatus, type EoiDraft, type EoiSection, type TaskStatus } from './eoi-sections.js';

// The expression of interest as a GOV.UK task list: a page per section, each saved through saveEoi (as
// PATCH /api/applications/:reference/eoi), check your answers, and sending it (submitEoi), which only the
// group's lead may do: a member is told so instead of being shown the button.

const statusKeys = {
  not_started: 'apply.task.notStarted',
  in_progress: 'apply.task.inProgress',
  completed: 'apply.task.completed',
} as const satisfies Record<TaskStatus, MessageKey>;

const eoiPath = (reference: string) => `/applications/${reference}/eoi`;

export function eoiPages(deps: PageDependencies): Route[] {
  const { prisma } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  /** The application, once the person is known to be one of its group (application.apply), and whether they lead it. */
  const asGroup = async (req: Request) => {
    const reference = referenceOf(req);
    const { actingAs } = await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const application = await getApplication({ prisma, actor: req.actor, reference, language: pageLanguage(req) });
    return { application, isLead: actingAs?.role === 'applicant_lead', eoi: application.eoi as EoiDraft };
  };

  const sectionOf = (req: Request): EoiSection => {
    const section = sectionNamed(String(req.params.section));
    if (!section) throw new AppError('not_found', { cy: 'Nid oes adran o’r fath', en: 'There is no such section' });
    return section;
  };

  const taskList = async (req: Request, res: Response) => {
    const { application, isLead, eoi } = await asGroup(req);
    const language = pageLanguage(req);
    const tasks = eoiSections.map((section) => {
      const status = sectionStatus(section, eoi);
      return { section, status, statusText: translate(statusKeys[status], language) };
    });
    renderPage(req, res, deps, 'pages/applications/eoi/task-list.njk', {
      application,
      isLead,
      draft: application.status === 'eoi_draft',
      completed: tasks.filter((task) => task.status === 'completed').length,
      items: tasks.map(({ section, status, statusText }) => ({
        title: { text: translate(section.title, language) },
        href: `${eoiPath(application.reference)}/${section.slug}`,
        status:
          status === 'completed'
            ? { text: statusText }
            : { tag: { text: statusText, classes: status === 'in_progress' ? 'govuk-tag--light-blue' : 'govuk-tag--blue' } },
      })),
    });
  };

  const showSection = async (req: Request, res: Response, status: number, form: FormState | null) => {
    const section = sectionOf(req);
    const { application, eoi } = await asGroup(req);
    // Once sent, the answers are read on check your answers, not offered as a form the case would refuse.
    if (form === null && application.status !== 'eoi_draft') return res.redirect(303, `${eoiPath(application.reference)}/check-answers`);
    // Opened afresh, the page shows what was saved; refused, what was typed.
    const shown = form ?? { ...emptyForm, values: section.values(eoi) };
    renderPage(req, res, deps, section.template, { ...shown, application, section, sectionTitle: translate(section.title, pageLanguage(req)) }, status);
  };

  const saveSection = async (req: Request, res: Response) => {
    const section = sectionOf(req);
    const reference = referenceOf(req);
    const language = pageLanguage(req);
    await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const values = typedValues(req.body);
    const later = values.then === 'later';
    // Coming back later keeps what is answered so far where the section can be saved in parts; a page left
    // empty saves nothing.
    const typedSomething = Object.entries(values).some(([name, value]) => name !== 'then' && value.trim() !== '');
    if (later && !typedSomething) return res.redirect(303, eoiPath(reference));
    const parsed = (later && section.partialForm ? section.partialForm : section.form).safeParse(values);
    if (!parsed.success) {
      const refused = refusedForm(parsed.error, language, values);
      // A date's error leads to its first box, as GOV.UK's date input asks.
      const errorList = refused.errorList.map((error) => (error.href === '#constitutionSignedOn' ? { ...error, href: '#constitutionSignedOn-day' } : error));
      return showSection(req, res, 422, { ...refused, errorList });
    }
    try {
      await runApplicationCommand({
        ...deps,
        policies: deps.cfpPolicies,
        signals: deps.caseEventSignals,
        actor: req.actor,
        reference,
        command: 'saveEoi',
        input: { answers: parsed.data },
        now: new Date(),
      });
    } catch (error) {
      // An area code that is no small area of Wales: the operation says so, beside the code.
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      const field = section.slug === 'facility' ? 'lsoaCode' : (Object.keys(values).find((name) => name !== 'then') ?? '');
      return showSection(req, res, 422, withErrors(values, [[field, error.detail[language]]]));
    }
    if (later) return res.redirect(303, eoiPath(reference));
    const next = eoiSections[eoiSections.indexOf(section) + 1];
    res.redirect(303, next ? `${eoiPath(reference)}/${next.slug}` : `${eoiPath(reference)}/check-answers`);
  };

  const checkAnswers = async (req: Request, res: Response) => {
    const { application, isLead, eoi } = await asGroup(req);
    const language = pageLanguage(req);
    const notAnswered = translate('apply.check.notAnswered', language);
    const draft = application.status === 'eoi_draft';
    const sections = eoiSections.map((section) => ({
      title: translate(section.title, language),
      complete: sectionStatus(section, eoi) === 'completed',
      rows: section.rows(eoi, language).map((row) => ({
        key: { text: translate(row.key, language) },
        value: { text: row.text || notAnswered },
        // Answers can be changed only while the EOI is a draft.
        ...(draft
          ? {
              actions: {
                items: [
                  {
                    href: `${eoiPath(application.reference)}/${section.slug}#${row.field}`,
                    text: translate('apply.check.change', language),
                    visuallyHiddenText: translate(row.key, language),
                  },
                ],
              },
            }
          : {}),
      })),
    }));
    renderPage(req, res, deps, 'pages/applications/eoi/check-answers.njk', {
      application,
      isLead,
      draft,
      sections,
      unfinished: sections.filter((section) => !section.complete).map((section) => section.title),
    });
  };

  const send = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    // A member's request is refused by the workflow (only the lead sends), shown as the refusal page.
    await runApplicationCommand({
      ...deps,
      policies: deps.cfpPolicies,
      signals: deps.caseEventSignals,
      actor: req.actor,
      reference,
      command: 'submitEoi',
      input: {},
      now: new Date(),
    });
    res.redirect(303, `/applications/${reference}?sent=eoi`);
  };

  return [
    { method: 'get', path: '/applications/:reference/eoi', action: 'application.apply', page: true, handler: taskList },
    // Before the sections' own address, which would otherwise take "check-answers" for a section's name.
    { method: 'get', path: '/applications/:reference/eoi/check-answers', action: 'application.apply', page: true, handler: checkAnswers },
    { method: 'post', path: '/applications/:reference/eoi/submission', action: 'application.apply', page: true, handler: send },
    {
      method: 'get',
      path: '/applications/:reference/eoi/:section',
      action: 'application.apply',
      page: true,
      handler: (req, res) => showSection(req, res, 200, null),
    },
    { method: 'post', path: '/applications/:reference/eoi/:section', action: 'application.apply', page: true, handler: saveSection },
  ];
}
