import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import { parsePounds } from '../../../domain/money.js';
import { findAwardFor } from '../../../operations/awards/find-award.js';
import { submitClaim } from '../../../operations/claims/submit-claim.js';
import { evidenceSizeLimit, uploadEvidence } from '../../../operations/evidence/upload-evidence.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// A claim of one invoice with its evidence, made by the group's lead: the evidence kept first
// (uploadEvidence), then the claim sent with it (submitClaim), as an API client does in two requests.

const claimForm = z
  .object({
    kind: z.enum(['stage', 'final'], 'claim.kindMissing'),
    description: requiredText(500, 'claim.descriptionMissing'),
    supplier: requiredText(200, 'claim.supplierMissing'),
    invoiceNumber: requiredText(100, 'claim.invoiceNumberMissing'),
    'invoiceDate-day': z.string().trim(),
    'invoiceDate-month': z.string().trim(),
    'invoiceDate-year': z.string().trim(),
    amount: z
      .string()
      .transform((typed) => parsePounds(typed))
      .refine((pence): pence is bigint => pence !== null && pence > 0n, 'claim.amountInvalid'),
  })
  .transform(({ 'invoiceDate-day': day, 'invoiceDate-month': month, 'invoiceDate-year': year, ...rest }, context) => {
    const invoiceDate = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    const date = new Date(`${invoiceDate}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(invoiceDate) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== invoiceDate) {
      context.addIssue({ code: 'custom', path: ['invoiceDate'], message: 'claim.invoiceDateInvalid' });
      return z.NEVER;
    }
    return { ...rest, invoiceDate };
  });

export function claimPages(deps: PageDependencies): Route[] {
  const { prisma, temporal, taskQueue, cfpPolicies, evidenceDir } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  /** Only the lead claims: a member is told so before filling anything in. */
  const asLead = async (req: Request) => {
    const { actingAs } = await findAwardFor({ prisma, actor: req.actor, reference: referenceOf(req), action: 'claim.submit' });
    if (actingAs?.role !== 'applicant_lead')
      throw new AppError('forbidden', { cy: 'Dim ond arweinydd y grŵp all hawlio', en: 'Only the group’s lead can claim' });
  };

  const show = async (req: Request, res: Response, status: number, form: FormState) => {
    await asLead(req);
    renderPage(req, res, deps, 'pages/awards/claim.njk', { ...form, reference: referenceOf(req) }, status);
  };

  const send = async (req: Request, res: Response) => {
    await asLead(req);
    const language = pageLanguage(req);
    const reference = referenceOf(req);
    const values = typedValues(req.body);
    const parsed = claimForm.safeParse(values);
    const file = req.file;
    const noFile = file && file.size > 0 ? [] : ([['evidence', translate('claim.evidenceMissing', language)]] as const);
    if (!parsed.success || noFile.length > 0) {
      const refused = parsed.success ? emptyForm : refusedForm(parsed.error, language, values);
      const form = withErrors(values, [...refused.errorList.map(({ href, text }) => [href.slice(1), text] as const), ...noFile]);
      // A date's error leads to its first box, as GOV.UK's date input asks.
      const errorList = form.errorList.map((error) => (error.href === '#invoiceDate' ? { ...error, href: '#invoiceDate-day' } : error));
      return show(req, res, 422, { ...form, errorList });
    }
    const { amount, ...line } = parsed.data;
    try {
      const evidence = await uploadEvidence({
        prisma,
        evidenceDir,
        actor: req.actor,
        reference,
        fileName: file?.originalname ?? 'evidence',
        contentType: file?.mimetype ?? '',
        content: file?.buffer ?? Buffer.alloc(0),
      });
      await submitClaim({
        prisma,
        temporal,
        taskQueue,
        policies: cfpPolicies,
        actor: req.actor,
        reference,
        input: { kind: line.kind, lines: [{ ...line, amountPence: Number(amount), evidenceFileIds: [evidence.id] }] },
        now: new Date(),
      });
    } catch (error) {
      // Not a real PDF or image, or more than the award has left: the person can put it right on the form.
      if (!(error instanceof AppError) || (error.code !== 'invalid_input' && error.code !== 'conflict')) throw error;
      const field = error.code === 'invalid_input' ? 'evidence' : 'amount';
      return show(req, res, 422, withErrors(values, [[field, error.detail[language]]]));
    }
    res.redirect(303, `/awards/${reference}?claimed=1`);
  };

  const upload = { field: 'evidence', maxBytes: evidenceSizeLimit };
  return [
    { method: 'get', path: '/awards/:reference/claims/new', action: 'claim.submit', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'post', path: '/awards/:reference/claims/new', action: 'claim.submit', page: true, upload, handler: send },
  ];
}
