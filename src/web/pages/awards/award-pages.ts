import type { Request, Response } from 'express';
import { z } from 'zod';
import { enforce } from '../../../access/policy.js';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import type { Language } from '../../../domain/bilingual.js';
import { formatPounds } from '../../../domain/money.js';
import type { ClaimStatus } from '../../../workflows/claim.messages.js';
import { findAwardFor } from '../../../operations/awards/find-award.js';
import { setBankAccount } from '../../../operations/bank-accounts/set-bank-account.js';
import { getAward } from '../../../operations/claims/get-award.js';
import { listMonitoringReturns } from '../../../operations/monitoring/list-monitoring-returns.js';
import { submitMonitoringReturn } from '../../../operations/monitoring/submit-monitoring-return.js';
import { emptyForm, refusedForm, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// A group's grant once awarded: what it is, what has been claimed and paid, and the group's own steps on
// it that are forms of fields (its bank account, its monitoring returns), each calling the operation the
// API's route calls. A claim, which carries its evidence, has its own page (./claim-page.ts).

const claimStatusKeys = {
  submitted: 'award.claimStatus.submitted',
  evidence_requested: 'award.claimStatus.evidenceRequested',
  verified: 'award.claimStatus.verified',
  approved: 'award.claimStatus.approved',
  payment_instructed: 'award.claimStatus.paymentInstructed',
  rejected: 'award.claimStatus.rejected',
} as const satisfies Record<ClaimStatus, MessageKey>;

const claimKindKeys = { stage: 'award.claimKind.stage', final: 'award.claimKind.final' } as const satisfies Record<string, MessageKey>;

const bankAccountForm = z.object({
  accountName: z.string().trim().min(1, 'bankAccount.accountNameMissing').max(140, 'forms.textTooLong'),
  sortCode: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'bankAccount.sortCodeInvalid')),
  accountNumber: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{8}$/, 'bankAccount.accountNumberInvalid')),
});

const monitoringReturnForm = z.object({
  inUse: z.enum(['yes', 'no'], 'monitoringReturn.inUseMissing').transform((answer) => answer === 'yes'),
  usersPerWeek: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, 'monitoringReturn.usersPerWeekInvalid')
    .transform(Number)
    .pipe(z.number().max(1_000_000, 'monitoringReturn.usersPerWeekInvalid')),
  changes: z.string().trim().min(1, 'monitoringReturn.changesMissing').max(5000, 'forms.textTooLong'),
});

/** The award as its page shows it: sums in pounds, codes in the page's words. */
function awardInWords(award: Awaited<ReturnType<typeof getAward>>, language: Language) {
  return {
    ...award,
    amountText: formatPounds(award.balances.awarded),
    claimedText: formatPounds(award.balances.claimsApproved),
    paidText: formatPounds(award.balances.paymentsConfirmed),
    retentionText: formatPounds(award.balances.retentionHeld - award.balances.retentionReleased),
    remainingText: formatPounds(award.balances.remaining),
    claims: award.claims.map((claim) => ({
      ...claim,
      kindText: Object.hasOwn(claimKindKeys, claim.kind) ? translate(claimKindKeys[claim.kind as keyof typeof claimKindKeys], language) : claim.kind,
      statusText: Object.hasOwn(claimStatusKeys, claim.status) ? translate(claimStatusKeys[claim.status as ClaimStatus], language) : claim.status,
      requestedText: formatPounds(claim.requestedPence),
      approvedText: claim.approvedPence === null ? '' : formatPounds(claim.approvedPence),
    })),
  };
}

export function awardPages(deps: PageDependencies): Route[] {
  const { prisma, temporal, taskQueue } = deps;
  const referenceOf = (req: Request) => String(req.params.reference);

  const show = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const reference = referenceOf(req);
    const award = await getAward({ prisma, actor: req.actor, reference });
    const { award: row } = await findAwardFor({ prisma, actor: req.actor, reference, action: 'award.read' });
    const isLead = req.actor?.grants.some((g) => g.role === 'applicant_lead' && g.organisationId === row.organisationId) ?? false;
    renderPage(req, res, deps, 'pages/awards/award.njk', {
      award: awardInWords(award, language),
      returns: await listMonitoringReturns({ prisma, actor: req.actor, reference }),
      isLead,
      saved: req.query.saved === 'bank-account',
      claimed: req.query.claimed === '1',
      evidenceSent: req.query.evidence === '1',
    });
  };

  /** The group whose award it is, once the person is known to be its lead (bank_account.set). */
  const leadsGroupOf = async (req: Request): Promise<string> => {
    const { award } = await findAwardFor({ prisma, actor: req.actor, reference: referenceOf(req), action: 'award.read' });
    enforce(req.actor, 'bank_account.set', { organisationId: award.organisationId });
    return award.organisationId;
  };

  const showBankAccount = async (req: Request, res: Response, status: number, form: FormState) => {
    await leadsGroupOf(req);
    renderPage(req, res, deps, 'pages/awards/bank-account.njk', { ...form, reference: referenceOf(req) }, status);
  };

  const saveBankAccount = async (req: Request, res: Response) => {
    const organisationId = await leadsGroupOf(req);
    const language = pageLanguage(req);
    // Shown back if refused, except the account number, which is not shown again once typed.
    const typed = typedValues(req.body);
    const values = { ...typed };
    delete values.accountNumber;
    const form = bankAccountForm.safeParse(typed);
    if (!form.success) return showBankAccount(req, res, 422, refusedForm(form.error, language, values));
    try {
      await setBankAccount({ prisma, temporal, taskQueue, actor: req.actor, organisationId, input: form.data, now: new Date(), logger: req.log });
    } catch (error) {
      // A name Bacs cannot carry: the operation says why, in both languages, and it belongs beside the name.
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      return showBankAccount(req, res, 422, withErrors(values, [['accountName', error.detail[language]]]));
    }
    res.redirect(303, `/awards/${referenceOf(req)}?saved=bank-account`);
  };

  const periodOf = (req: Request): number => {
    const period = Number(req.params.period);
    if (!Number.isSafeInteger(period) || period < 1 || period > 100) {
      throw new AppError('not_found', { cy: 'Nid oes ffurflen fonitro o’r fath', en: 'There is no such monitoring return' });
    }
    return period;
  };

  const showReturn = async (req: Request, res: Response, status: number, form: FormState) => {
    await findAwardFor({ prisma, actor: req.actor, reference: referenceOf(req), action: 'monitoring.submit' });
    renderPage(req, res, deps, 'pages/awards/monitoring-return.njk', { ...form, reference: referenceOf(req), period: periodOf(req) }, status);
  };

  const sendReturn = async (req: Request, res: Response) => {
    const reference = referenceOf(req);
    const period = periodOf(req);
    await findAwardFor({ prisma, actor: req.actor, reference, action: 'monitoring.submit' });
    const values = typedValues(req.body);
    const form = monitoringReturnForm.safeParse(values);
    if (!form.success) return showReturn(req, res, 422, refusedForm(form.error, pageLanguage(req), values));
    await submitMonitoringReturn({ prisma, temporal, actor: req.actor, reference, period, input: form.data, now: new Date() });
    res.redirect(303, `/awards/${reference}`);
  };

  return [
    { method: 'get', path: '/awards/:reference', action: 'award.read', page: true, handler: show },
    {
      method: 'get',
      path: '/awards/:reference/bank-account',
      action: 'bank_account.set',
      page: true,
      handler: (req, res) => showBankAccount(req, res, 200, emptyForm),
    },
    { method: 'post', path: '/awards/:reference/bank-account', action: 'bank_account.set', page: true, handler: saveBankAccount },
    {
      method: 'get',
      path: '/awards/:reference/monitoring-returns/:period',
      action: 'monitoring.submit',
      page: true,
      handler: (req, res) => showReturn(req, res, 200, emptyForm),
    },
    { method: 'post', path: '/awards/:reference/monitoring-returns/:period', action: 'monitoring.submit', page: true, handler: sendReturn },
  ];
}
