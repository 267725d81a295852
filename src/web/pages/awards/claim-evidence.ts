import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import { formatPounds } from '../../../domain/money.js';
import { getClaimEvidenceRequest } from '../../../operations/claims/get-claim-evidence-request.js';
import { runClaimCommand } from '../../../operations/claims/run-claim-command.js';
import { evidenceSizeLimit, uploadEvidence } from '../../../operations/evidence/upload-evidence.js';
import { emptyForm, refusedForm, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// More evidence for a claim, when the caseworker asked for it: any member of the group uploads a file for
// a line asked about (uploadEvidence), then adds it to that line (the claim's provideEvidence command), as
// an API client does in two requests.

export function claimEvidencePages(deps: PageDependencies): Route[] {
  const { prisma, evidenceDir } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);
  const numberOf = (req: Request) => (/^\d{1,4}$/.test(String(req.params.claimId)) ? Number(req.params.claimId) : Number.NaN);

  const requestOf = async (req: Request) => {
    const found = await getClaimEvidenceRequest({ prisma, actor: req.actor, reference: referenceOf(req), number: numberOf(req) });
    if (!found.request)
      throw new AppError('conflict', { cy: 'Ni ofynnwyd am ragor o dystiolaeth ar yr hawliad hwn', en: 'No more evidence was asked for on this claim' });
    return { ...found, request: found.request };
  };

  const show = async (req: Request, res: Response, status: number, form: FormState) => {
    const found = await requestOf(req);
    const lines = found.request.lines.map((line) => ({ ...line, amountText: formatPounds(line.amountPence) }));
    renderPage(req, res, deps, 'pages/awards/claim-evidence.njk', { ...form, reference: referenceOf(req), claim: found, lines }, status);
  };

  const send = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const reference = referenceOf(req);
    const found = await requestOf(req);
    const values = typedValues(req.body);
    // One line asked about needs no choosing; of several, the person says which the file is for.
    const asked = found.request.lines.map((line) => String(line.lineNumber));
    const typed = asked.length === 1 ? { ...values, lineNumber: asked[0] ?? '' } : values;
    const parsed = z.object({ lineNumber: z.enum(asked as [string, ...string[]], 'claimEvidence.lineMissing').transform(Number) }).safeParse(typed);
    const file = req.file;
    const noFile = file && file.size > 0 ? [] : ([['evidence', translate('claimEvidence.fileMissing', language)]] as const);
    if (!parsed.success || noFile.length > 0) {
      const refused = parsed.success ? emptyForm : refusedForm(parsed.error, language, values);
      return show(req, res, 422, withErrors(values, [...refused.errorList.map(({ href, text }) => [href.slice(1), text] as const), ...noFile]));
    }
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
      await runClaimCommand({
        prisma,
        temporal: deps.temporal,
        actor: req.actor,
        reference,
        number: found.number,
        command: 'provideEvidence',
        input: { lineNumber: parsed.data.lineNumber, evidenceFileIds: [evidence.id] },
        now: new Date(),
      });
    } catch (error) {
      // Not a real PDF or image: the person can choose another file on the form.
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      return show(req, res, 422, withErrors(values, [['evidence', error.detail[language]]]));
    }
    res.redirect(303, `/awards/${reference}?evidence=1`);
  };

  const path = '/awards/:reference/claims/:claimId/evidence';
  const upload = { field: 'evidence', maxBytes: evidenceSizeLimit };
  return [
    { method: 'get', path, action: 'claim.evidence', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'post', path, action: 'claim.evidence', page: true, upload, handler: send },
  ];
}
