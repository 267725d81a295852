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
import { type MessageKey } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { fieldRefusal } from './full-application.js';

// A caseworker's request for information, answered by the group: what was asked and by when, and a field
// for each answer reopened and no other (the workflow takes only those). Answers a form of fields cannot
// carry here (the facility, governance, tenure, match funding) are named, for the case officer to take.

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
    if (!request) return { view, request: null, fields: [], elsewhere: [] };
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
    const elsewhere = request.fields.filter((field) => !pageFields[field]).map((field) => answerFieldLabels[field][language]);
    return { view, request, fields, elsewhere };
  };

  const show = async (req: Request, res: Response, status: number, form: FormState) => {
    const found = await openRequest(req);
    const values = status === 200 ? Object.fromEntries(found.fields.map((f) => [f.field, f.value])) : form.values;
    renderPage(req, res, deps, 'pages/applications/information-request.njk', { ...form, values, application: found.view, ...found }, status);
  };

  const send = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    const language = pageLanguage(req);
    const { request, fields } = await openRequest(req);
    if (!request) throw new AppError('conflict', { cy: 'Nid oes cais am wybodaeth ar agor', en: 'There is no open request for information' });
    const values = typedValues(req.body);
    const shape = Object.fromEntries(
      fields.map(({ field, kind }) => [field, schemaFor(kind, pageFields[field]?.missing ?? 'informationRequest.answerMissing')]),
    );
    const parsed = z.object({ ...shape, message: z.string().trim().max(2000, 'forms.textTooLong') }).safeParse(values);
    if (!parsed.success) return show(req, res, 422, refusedForm(parsed.error, language, values));
    const { message, ...answers } = parsed.data as Record<string, unknown> & { message: string };
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
      return show(req, res, 422, withErrors(values, [fieldRefusal(error, fields[0]?.field ?? 'message', language)]));
    }
    res.redirect(303, `/applications/${reference}`);
  };

  const path = '/applications/:reference/information-request';
  return [
    { method: 'get', path, action: 'application.apply', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'post', path, action: 'application.apply', page: true, handler: send },
  ];
}
