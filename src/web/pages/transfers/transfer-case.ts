import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { deciderWording } from '../../../domain/cat/status.js';
import { documentKindLabel } from '../../../domain/labels.js';
import { findTransferFor } from '../../../operations/transfers/find-transfer.js';
import { getTransfer } from '../../../operations/transfers/get-transfer.js';
import { getTransferTimeline } from '../../../operations/transfers/get-transfer-timeline.js';
import { runTransferCommand } from '../../../operations/transfers/run-transfer-command.js';
import type { TransferCommandName } from '../../../operations/transfers/transfer-commands.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { gateText, outcomeText } from './transfer-words.js';

// A transfer as its group follows it: where it stands, what the group must do and by when, each gate's
// decision, and what has happened; and the group's own steps on it, each a page of its own that sends one
// command (as the API's routes do) and returns to the case.

/** One of the group's steps: its page, the command it sends, and how the form becomes the command's input. */
interface GroupStep {
  path: string;
  template: string;
  command: TransferCommandName;
  form: z.ZodType<Record<string, unknown>>;
  /** The document kinds the body's process asks for at this stage, each with a title field of its own. */
  documentsAt?: 'expression_of_interest' | 'business_plan';
}

const steps: GroupStep[] = [
  {
    path: 'expression-of-interest',
    template: 'pages/transfers/expression-of-interest.njk',
    command: 'submitEoi',
    form: z.object({
      proposedUse: requiredText(2000, 'startTransfer.proposedUseMissing'),
      communityBenefit: requiredText(5000, 'transfer.sendEoi.communityBenefitMissing'),
    }),
    documentsAt: 'expression_of_interest',
  },
  {
    path: 'business-plan',
    template: 'pages/transfers/business-plan.njk',
    command: 'submitBusinessPlan',
    form: z.object({ summary: requiredText(5000, 'transfer.sendBusinessPlan.summaryMissing') }),
    documentsAt: 'business_plan',
  },
  {
    path: 'community-benefit-report',
    template: 'pages/transfers/community-benefit-report.njk',
    command: 'submitCommunityBenefitReport',
    form: z.object({
      summary: requiredText(5000, 'transfer.report.summaryMissing'),
      peopleServed: z
        .string()
        .trim()
        .regex(/^\d{1,9}$/, 'transfer.report.peopleServedInvalid')
        .transform(Number),
      stillInCommunityUse: z.enum(['yes', 'no'], 'transfer.report.stillInUseMissing').transform((answer) => answer === 'yes'),
    }),
  },
  {
    path: 'withdrawal',
    template: 'pages/transfers/withdraw.njk',
    command: 'withdraw',
    form: z.object({ reason: requiredText(2000, 'transfer.withdraw.reasonMissing') }),
  },
];

export function transferCasePages(deps: PageDependencies): Route[] {
  const { prisma, transferProcesses } = deps;

  const show = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const reference = String(req.params.reference);
    const transfer = await getTransfer({ prisma, actor: req.actor, reference, language });
    const timeline = await getTransferTimeline({ prisma, actor: req.actor, reference, language });
    renderPage(req, res, deps, 'pages/transfers/transfer.njk', {
      transfer: {
        ...transfer,
        gates: transfer.gates.map((gate) => ({
          ...gate,
          gateText: gateText(gate.gate, language),
          outcomeText: outcomeText(gate.outcome, language),
          deciderText: deciderWording[gate.decidedBy][language],
        })),
      },
      // Newest first, as a timeline is read.
      timeline: timeline.toReversed().map((entry) => ({ label: { text: entry.summary }, datetime: { timestamp: entry.at, format: language } })),
      objections: transfer.openSpace?.objections.length ?? 0,
      withdrawable: transfer.stage !== 'closed' && transfer.stage !== 'transferred' && transfer.stage !== 'monitoring',
    });
  };

  /** The document kinds the case's process asks for at this stage, named in the page's language. */
  const documentKinds = (req: Request, processVersion: string, stage: GroupStep['documentsAt']) => {
    if (!stage) return [];
    const process = transferProcesses.processes.find((p) => p.version === processVersion);
    const language = pageLanguage(req);
    return (process?.requiredDocuments[stage] ?? []).map((kind) => ({ kind, field: `document_${kind}`, label: documentKindLabel(kind)[language] }));
  };

  const showStep = (step: GroupStep) => async (req: Request, res: Response, status: number, form: FormState) => {
    // Only the group's own members are shown the form: staff who may read the case are told they may not.
    await findTransferFor({ prisma, actor: req.actor, reference: String(req.params.reference), action: 'transfer.apply' });
    const transfer = await getTransfer({ prisma, actor: req.actor, reference: String(req.params.reference), language: pageLanguage(req) });
    renderPage(req, res, deps, step.template, { ...form, transfer, documents: documentKinds(req, transfer.processVersion, step.documentsAt) }, status);
  };

  const send = (step: GroupStep) => async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const reference = String(req.params.reference);
    // Whether they may, before what they sent: an outsider learns nothing from the form's errors.
    await findTransferFor({ prisma, actor: req.actor, reference, action: 'transfer.apply' });
    const values = typedValues(req.body);
    const parsed = step.form.safeParse(values);
    const transfer = await getTransfer({ prisma, actor: req.actor, reference, language });
    const kinds = documentKinds(req, transfer.processVersion, step.documentsAt);
    const missingDocuments = kinds
      .filter(({ field }) => !values[field]?.trim())
      .map(({ field, label }) => [field, translate('transfer.documentMissing', language, { kind: label })] as const);
    if (!parsed.success || missingDocuments.length > 0) {
      const refused = parsed.success ? emptyForm : refusedForm(parsed.error, language, values);
      const errors = [...refused.errorList.map(({ href, text }) => [href.slice(1), text] as const), ...missingDocuments];
      return showStep(step)(req, res, 422, withErrors(values, errors));
    }
    const documents = kinds.map(({ kind, field }) => ({ kind, title: (values[field] ?? '').trim().slice(0, 200) }));
    await runTransferCommand({
      ...deps,
      signals: deps.caseEventSignals,
      actor: req.actor,
      reference,
      command: step.command,
      input: step.documentsAt ? { ...parsed.data, documents } : parsed.data,
      now: new Date(),
    });
    res.redirect(303, `/transfers/${reference}`);
  };

  return [
    { method: 'get', path: '/transfers/:reference', action: 'transfer.read', page: true, handler: show },
    ...steps.flatMap((step): Route[] => [
      {
        method: 'get',
        path: `/transfers/:reference/${step.path}`,
        action: 'transfer.apply',
        page: true,
        handler: (req, res) => showStep(step)(req, res, 200, emptyForm),
      },
      { method: 'post', path: `/transfers/:reference/${step.path}`, action: 'transfer.apply', page: true, handler: send(step) },
    ]),
  ];
}
