import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import type { AnswerField } from '../../../domain/cfp/answers.js';
import { answerFieldLabels } from '../../../domain/labels.js';
import { plainPounds, parsePounds } from '../../../domain/money.js';
import { findApplicationFor } from '../../../operations/applications/find-application.js';
import { getApplication } from '../../../operations/applications/get-application.js';
import { runApplicationCommand } from '../../../operations/applications/run-application-command.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { fieldRefusal, matchFundingSource, matchFundingSourceForm } from './full-application.js';
import type { MatchFundingSource } from '../../../domain/cfp/answers.js';

// A caseworker's request for information, answered by the group: what was asked and by when, and a field
// for each answer reopened and no other (the workflow takes only those). Answers a form of fields cannot
// carry here (the facility, governance, tenure) are named, for the case officer to take. Match funding, when
// reopened, is rows of sources, one more added by a button that shows the page again (no script needed).

/** How each reopened answer is asked on the page: written text, an amount in pounds, or a list of names. */
type Kind = 'text' | 'pounds' | 'names';
const pageFields: Partial<Record<AnswerField, { kind: Kind; missing: MessageKey }>> = {
  projectSummary: { kind: 'text', missing: 'informationRequest.answerMissing' },
  projectDescription: { kind: 'text', missing: 'informationRequest.answerMissing' },
  communityNeed: { kind: 'text', missing: 'informationRequest.answerMissing' },
  localUse: { kind: 'text', missing: 'informationRequest.answerMissing' },
  deliveryPlan: { kind: 'text', missing: 'informationRequest.answerMissing' },
  sustainability: { kind: 'text', missing: 'informationRequest.answerMissing' },
  requestedPence: { kind: 'pounds', missing: 'informationRequest.amountInvalid' },
  totalCostPence: { kind: 'pounds', missing: 'informationRequest.amountInvalid' },
  partners: { kind: 'names', missing: 'informationRequest.answerMissing' },
};

const schemaFor = (kind: Kind, missing: MessageKey) => {
  if (kind === 'text') return requiredText(5000, missing);
  if (kind === 'pounds')
    return z
      .string()
      .transform((typed) => parsePounds(typed))
      .refine((pence): pence is bigint => pence !== null && pence <= BigInt(Number.MAX_SAFE_INTEGER), missing)
      .transform(Number);
  // One partner a line; none at all is an answer too (the group has no partners).
  return z
    .string()
    .transform((typed) =>
      typed
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine((names) => names.length <= 20 && names.every((name) => name.length <= 200), 'forms.textTooLong');
};

const maxSources = 20;

/** The sources as rows of fields (source-0, amount-0, …), each row's answers as typed. */
function sourceRows(sources: readonly MatchFundingSource[]): Record<string, string> {
  return Object.fromEntries(
    sources.flatMap((source, i) => [
      [`source-${i}`, source.source],
      [`amount-${i}`, plainPounds(source.pence)],
      [`secured-${i}`, source.secured ? 'yes' : 'no'],
      [`inKind-${i}`, source.inKind ? 'yes' : 'no'],
    ]),
  );
}

/** How many rows of sources the form shows: as many as it had, at least one, at most the answer's limit. */
function rowCount(values: Record<string, string>, fallback: number): number {
  const rows = Number(values.rows);
  return Number.isSafeInteger(rows) && rows >= 1 ? Math.min(rows, maxSources) : Math.min(Math.max(fallback, 1), maxSources);
}

/** The typed rows as sources, a row left wholly empty skipped, each refusal named by its row's field. */
function parseSourceRows(values: Record<string, string>, rows: number, language: 'cy' | 'en') {
  const sources: MatchFundingSource[] = [];
  const errors: [string, string][] = [];
  for (let i = 0; i < rows; i++) {
    const row = { source: values[`source-${i}`] ?? '', amount: values[`amount-${i}`] ?? '', secured: values[`secured-${i}`], inKind: values[`inKind-${i}`] };
    // A radio once chosen cannot be cleared without a script: a row with no source and no amount is empty.
    if (!row.source.trim() && !row.amount.trim()) continue;
    const parsed = matchFundingSourceForm.safeParse(row);
    if (parsed.success) sources.push(matchFundingSource(parsed.data));
    else for (const issue of parsed.error.issues) errors.push([`${String(issue.path[0])}-${i}`, translate(issue.message as MessageKey, language)]);
  }
  return { sources, errors };
}

/** A question's name as a field's label: its first letter a capital (the names are written to sit inside sentences). */
const sentenceCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export function informationRequestPages(deps: PageDependencies): Route[] {
  const { prisma, cfpPolicies } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  /** The open request as the group sees it, with the fields this page asks, or null when none is open. */
  const openRequest = async (req: Request) => {
    const reference = referenceOf(req);
    const language = pageLanguage(req);
    await findApplicationFor({ prisma, actor: req.actor, reference, action: 'application.apply' });
    const view = await getApplication({ prisma, actor: req.actor, reference, language });
    const request = view.informationRequest;
    if (!request) return { view, request: null, fields: [], elsewhere: [], matchFunding: null };
    const current: Record<string, unknown> = { ...view.eoi, ...view.fullApplication };
    const fields = request.fields.flatMap((field) => {
      const asked = pageFields[field];
      if (!asked) return [];
      const value = current[field];
      const shown =
        value === undefined
          ? ''
          : asked.kind === 'pounds'
            ? plainPounds(value as number)
            : asked.kind === 'names'
              ? (value as string[]).join('\n')
              : String(value as string);
      return [
        { field, kind: asked.kind, label: sentenceCase(answerFieldLabels[field][language]), value: shown, answered: (request.answered ?? []).includes(field) },
      ];
    });
    const elsewhere = request.fields.filter((field) => !pageFields[field] && field !== 'matchFunding').map((field) => answerFieldLabels[field][language]);
    const matchFunding = request.fields.includes('matchFunding')
      ? { sources: view.fullApplication.matchFunding ?? [], answered: (request.answered ?? []).includes('matchFunding') }
      : null;
    return { view, request, fields, elsewhere, matchFunding };
  };

  const show = async (req: Request, res: Response, status: number, form: FormState, typed = false) => {
    const found = await openRequest(req);
    const sources = found.matchFunding?.sources ?? [];
    const values = typed ? form.values : { ...Object.fromEntries(found.fields.map((f) => [f.field, f.value])), ...sourceRows(sources) };
    // The sources given so far and a row for another; shown again, the rows as they were.
    const rows = typed ? rowCount(values, sources.length) : Math.min(sources.length + 1, maxSources);
    renderPage(
      req,
      res,
      deps,
      'pages/applications/information-request.njk',
      { ...form, values, application: found.view, ...found, sourceRows: Array.from({ length: rows }, (_, i) => i), rows, canAddRow: rows < maxSources },
      status,
    );
  };

  const send = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    const language = pageLanguage(req);
    const { request, fields, matchFunding } = await openRequest(req);
    if (!request) throw new AppError('conflict', { cy: 'Nid oes cais am wybodaeth ar agor', en: 'There is no open request for information' });
    const values = typedValues(req.body);
    if (matchFunding && values.intent === 'addRow') {
      return show(req, res, 200, { ...emptyForm, values: { ...values, rows: String(rowCount(values, 1) + 1) } }, true);
    }
    const shape = Object.fromEntries(
      fields.map(({ field, kind }) => [field, schemaFor(kind, pageFields[field]?.missing ?? 'informationRequest.answerMissing')]),
    );
    const parsed = z.object({ ...shape, message: z.string().trim().max(2000, 'forms.textTooLong').default('') }).safeParse(values);
    const typedSources = matchFunding ? parseSourceRows(values, rowCount(values, 1), language) : { sources: [], errors: [] };
    if (!parsed.success || typedSources.errors.length > 0) {
      const refused = parsed.success ? emptyForm : refusedForm(parsed.error, language, values);
      const errors = [...refused.errorList.map(({ href, text }) => [href.slice(1), text] as const), ...typedSources.errors];
      return show(req, res, 422, withErrors(values, errors), true);
    }
    const { message, ...answers } = parsed.data as Record<string, unknown> & { message: string };
    if (matchFunding) answers.matchFunding = typedSources.sources;
    try {
      await runApplicationCommand({
        prisma,
        signals: deps.caseEventSignals,
        temporal: deps.temporal,
        policies: cfpPolicies,
        actor: req.actor,
        reference,
        command: 'respondToInformation',
        input: { answers, message: message === '' ? null : message },
        now: new Date(),
      });
    } catch (error) {
      return show(req, res, 422, withErrors(values, [fieldRefusal(error, fields[0]?.field ?? 'message', language)]), true);
    }
    res.redirect(303, `/applications/${reference}`);
  };

  const path = '/applications/:reference/information-request';
  return [
    { method: 'get', path, action: 'application.apply', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'post', path, action: 'application.apply', page: true, handler: send },
  ];
}
