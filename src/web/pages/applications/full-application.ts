import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import type { FullApplicationAnswers, MatchFundingSource } from '../../../domain/cfp/answers.js';
import { formatPounds, parsePounds } from '../../../domain/money.js';
import { findApplicationFor } from '../../../operations/applications/find-application.js';
import { getApplication } from '../../../operations/applications/get-application.js';
import { runApplicationCommand } from '../../../operations/applications/run-application-command.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// The full application, once the group is invited: a task list of its questions, a page per question
// saved as a draft (saveFullApplication, which any member may do), match funding as a list a source at a
// time (so "add another" is a form, not a script), and check your answers, from which only the lead sends it.

type TextQuestion = Exclude<keyof FullApplicationAnswers, 'matchFunding'>;

/** Each written question: its address, its answer's name, and its words in the catalogue. */
export const textQuestions: { slug: string; field: TextQuestion; title: MessageKey; hint: MessageKey; missing: MessageKey }[] = [
  {
    slug: 'project-description',
    field: 'projectDescription',
    title: 'fullApplication.projectDescription',
    hint: 'fullApplication.projectDescriptionHint',
    missing: 'fullApplication.projectDescriptionMissing',
  },
  {
    slug: 'community-need',
    field: 'communityNeed',
    title: 'fullApplication.communityNeed',
    hint: 'fullApplication.communityNeedHint',
    missing: 'fullApplication.communityNeedMissing',
  },
  { slug: 'local-use', field: 'localUse', title: 'fullApplication.localUse', hint: 'fullApplication.localUseHint', missing: 'fullApplication.localUseMissing' },
  {
    slug: 'delivery-plan',
    field: 'deliveryPlan',
    title: 'fullApplication.deliveryPlan',
    hint: 'fullApplication.deliveryPlanHint',
    missing: 'fullApplication.deliveryPlanMissing',
  },
  {
    slug: 'sustainability',
    field: 'sustainability',
    title: 'fullApplication.sustainability',
    hint: 'fullApplication.sustainabilityHint',
    missing: 'fullApplication.sustainabilityMissing',
  },
];

/** A match funding source as typed: pounds taken as exact pence, both questions answered yes or no. */
export const matchFundingSourceForm = z.object({
  source: requiredText(200, 'fullApplication.sourceMissing'),
  amount: z
    .string()
    .transform((typed) => parsePounds(typed))
    .refine((pence): pence is bigint => pence !== null && pence > 0n && pence <= BigInt(Number.MAX_SAFE_INTEGER), 'fullApplication.amountInvalid'),
  secured: z.enum(['yes', 'no'], 'fullApplication.securedMissing').transform((answer) => answer === 'yes'),
  inKind: z.enum(['yes', 'no'], 'fullApplication.inKindMissing').transform((answer) => answer === 'yes'),
});

export function matchFundingSource(parsed: z.infer<typeof matchFundingSourceForm>): MatchFundingSource {
  return { source: parsed.source, pence: Number(parsed.amount), secured: parsed.secured, inKind: parsed.inKind };
}

/** The sources as a page lists them, in the page's language. */
export function sourcesInWords(sources: readonly MatchFundingSource[], language: 'cy' | 'en') {
  const yesNo = (answer: boolean) => translate(answer ? 'fullApplication.yes' : 'fullApplication.no', language);
  return sources.map((source, index) => ({
    index,
    source: source.source,
    amountText: formatPounds(source.pence),
    securedText: yesNo(source.secured),
    inKindText: yesNo(source.inKind),
  }));
}

/** A refusal of the operation the person can put right on the form (an answer it will not take), else rethrown. */
export function fieldRefusal(error: unknown, field: string, language: 'cy' | 'en'): readonly [string, string] {
  if (error instanceof AppError && error.code === 'invalid_input') return [field, error.detail[language]];
  if (error instanceof z.ZodError) return [field, translate('fullApplication.answerNotTaken', language)];
  throw error;
}

export function fullApplicationPages(deps: PageDependencies): Route[] {
  const { prisma, cfpPolicies } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  /** The application as the group sees it, once the person is known to act for the group. */
  const forGroup = async (req: Request) => {
    const reference = referenceOf(req);
    const { actingAs } = await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const view = await getApplication({ prisma, actor: req.actor, reference, language: pageLanguage(req) });
    return { view, isLead: actingAs?.role === 'applicant_lead' };
  };

  const save = (req: Request, answers: Partial<FullApplicationAnswers>) =>
    runApplicationCommand({
      prisma,
      signals: deps.caseEventSignals,
      temporal: deps.temporal,
      policies: cfpPolicies,
      actor: req.actor,
      reference: referenceOf(req),
      command: 'saveFullApplication',
      input: { answers },
      now: new Date(),
    });

  const questionOf = (req: Request) => {
    const question = textQuestions.find((q) => q.slug === req.params.question);
    if (!question) throw new AppError('not_found', { cy: 'Nid oes cwestiwn o’r fath', en: 'There is no such question' });
    return question;
  };

  const taskList = async (req: Request, res: Response) => {
    const { view } = await forGroup(req);
    const answers = view.fullApplication;
    renderPage(req, res, deps, 'pages/applications/full-application-tasks.njk', {
      application: view,
      open: view.status === 'invited',
      tasks: [
        ...textQuestions.map((q) => ({ slug: q.slug, title: q.title, done: answers[q.field] !== undefined })),
        { slug: 'match-funding', title: 'fullApplication.matchFunding', done: answers.matchFunding !== undefined },
      ],
      complete: textQuestions.every((q) => answers[q.field] !== undefined) && answers.matchFunding !== undefined,
    });
  };

  const showQuestion = async (req: Request, res: Response, status: number, form: FormState) => {
    const question = questionOf(req);
    const { view } = await forGroup(req);
    const values = status === 200 ? { answer: view.fullApplication[question.field] ?? '' } : form.values;
    renderPage(req, res, deps, 'pages/applications/full-application-question.njk', { ...form, values, application: view, question }, status);
  };

  const saveQuestion = async (req: Request, res: Response) => {
    const question = questionOf(req);
    await forGroup(req);
    const language = pageLanguage(req);
    const values = typedValues(req.body);
    const parsed = z.object({ answer: requiredText(5000, question.missing) }).safeParse(values);
    if (!parsed.success) return showQuestion(req, res, 422, refusedForm(parsed.error, language, values));
    try {
      await save(req, { [question.field]: parsed.data.answer });
    } catch (error) {
      return showQuestion(req, res, 422, withErrors(values, [fieldRefusal(error, 'answer', language)]));
    }
    res.redirect(303, `/applications/${referenceOf(req)}/full-application`);
  };

  const showMatchFunding = async (req: Request, res: Response, status: number, form: FormState) => {
    const { view } = await forGroup(req);
    renderPage(
      req,
      res,
      deps,
      'pages/applications/match-funding.njk',
      { ...form, application: view, sources: sourcesInWords(view.fullApplication.matchFunding ?? [], pageLanguage(req)) },
      status,
    );
  };

  /** One form, three buttons: add this source, remove one, or say there is none; each saves the whole list. */
  const saveMatchFunding = async (req: Request, res: Response) => {
    const { view } = await forGroup(req);
    const language = pageLanguage(req);
    const values = typedValues(req.body);
    const sources = view.fullApplication.matchFunding ?? [];
    const reference = referenceOf(req);
    let next: MatchFundingSource[];
    if (values.intent === 'none') next = [];
    else if (values.intent === 'remove') {
      // By its place and its name: a list another member changed since the page was shown loses nothing else.
      const index = Number(values.index);
      next = sources.filter((source, i) => i !== index || source.source !== values.removing);
    } else {
      const parsed = matchFundingSourceForm.safeParse(values);
      if (!parsed.success) return showMatchFunding(req, res, 422, refusedForm(parsed.error, language, values));
      next = [...sources, matchFundingSource(parsed.data)];
    }
    try {
      await save(req, { matchFunding: next });
    } catch (error) {
      return showMatchFunding(req, res, 422, withErrors(values, [fieldRefusal(error, 'source', language)]));
    }
    res.redirect(303, `/applications/${reference}/full-application/match-funding`);
  };

  const check = async (req: Request, res: Response, status = 200, form: FormState = emptyForm) => {
    const { view, isLead } = await forGroup(req);
    const language = pageLanguage(req);
    renderPage(
      req,
      res,
      deps,
      'pages/applications/full-application-check.njk',
      {
        ...form,
        application: view,
        isLead,
        open: view.status === 'invited',
        answers: textQuestions.map((q) => ({ slug: q.slug, title: q.title, text: view.fullApplication[q.field] ?? '' })),
        sources: sourcesInWords(view.fullApplication.matchFunding ?? [], language),
        matchFundingAnswered: view.fullApplication.matchFunding !== undefined,
      },
      status,
    );
  };

  const send = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    const language = pageLanguage(req);
    try {
      await runApplicationCommand({
        prisma,
        signals: deps.caseEventSignals,
        temporal: deps.temporal,
        policies: cfpPolicies,
        actor: req.actor,
        reference,
        command: 'submitFullApplication',
        input: {},
        now: new Date(),
      });
    } catch (error) {
      // Questions left unanswered, or the case moved on: said on the page the person sent it from.
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      return check(req, res, 422, withErrors({}, [['send', error.detail[language]]]));
    }
    res.redirect(303, `/applications/${reference}`);
  };

  const base = '/applications/:reference/full-application';
  // The question pages come last: their `:question` would otherwise take the addresses before them.
  return [
    { method: 'get', path: base, action: 'application.apply', page: true, handler: taskList },
    {
      method: 'get',
      path: `${base}/match-funding`,
      action: 'application.apply',
      page: true,
      handler: (req, res) => showMatchFunding(req, res, 200, emptyForm),
    },
    { method: 'post', path: `${base}/match-funding`, action: 'application.apply', page: true, handler: saveMatchFunding },
    { method: 'get', path: `${base}/check`, action: 'application.apply', page: true, handler: (req, res) => check(req, res) },
    { method: 'post', path: `${base}/submission`, action: 'application.apply', page: true, handler: send },
    { method: 'get', path: `${base}/:question`, action: 'application.apply', page: true, handler: (req, res) => showQuestion(req, res, 200, emptyForm) },
    { method: 'post', path: `${base}/:question`, action: 'application.apply', page: true, handler: saveQuestion },
  ];
}
