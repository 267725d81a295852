import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { financialYearLabel, financialYearOf } from '../../domain/financial-year.js';
import { formatPounds } from '../../domain/money.js';
import { appendLedgerEntries, budgetRemaining } from '../../finance/ledger.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';

export const commitAwardInput = z.strictObject({
  /** A finance approver's decision to commit beyond the year's remaining budget (where policy allows it). */
  override: z.boolean().default(false),
});

// First key of the two-key advisory lock that serialises commitments against one programme year.
const BUDGET_LOCK_SPACE = 0x62756467;

/**
 * Commits an accepted award against its programme's budget for the financial year it was accepted in: one
 * `commitment` ledger entry. Beyond the remaining budget it is refused, or, where the policy allows, done
 * on a finance approver's explicit override. Committing twice changes nothing.
 */
export async function commitAward({ prisma, policies, actor, reference, input, now }: { prisma: PrismaClient; policies: CfpPolicyCatalogue; actor: Actor | undefined; reference: string; input: z.infer<typeof commitAwardInput>; now: Date }) {
  const actingAs = enforce(actor, 'award.commit');
  if (!actor || !actingAs) throw new Error('award.commit is allowed only to finance staff');
  const award = await prisma.award.findUnique({ where: { applicationReference: reference } });
  const application = award && (await prisma.application.findUnique({ where: { reference }, select: { programme: true, policyVersion: true } }));
  if (!award || !application) throw new AppError('not_found', { cy: `Nid oes dyfarniad ${reference}`, en: `There is no award ${reference}` });
  const policy = policies.byVersion(application.policyVersion);
  if (!policy) throw new Error(`${reference} was made under policy ${application.policyVersion}, which is no longer configured`);
  const financialYear = award.financialYear ?? financialYearOf(award.acceptedAt);
  const year = financialYearLabel(financialYear);

  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${BUDGET_LOCK_SPACE}::int, hashtext(${`${application.programme}:${financialYear}`}))::text`;
    const already = await tx.ledgerEntry.findUnique({ where: { entryKey: `commitment:${reference}` } });
    if (already) return { reference, financialYear, committedPence: Number(already.amountPence), overridden: false };

    const budget = await budgetRemaining(tx, application.programme, financialYear);
    const over = budget.remaining === null || budget.remaining < award.amountPence;
    if (over) {
      const left = budget.remaining === null
        ? { cy: `Nid oes cyllideb wedi ei gosod ar gyfer ${application.programme} yn ${year}`, en: `No budget is set for ${application.programme} in ${year}` }
        : { cy: `Dim ond ${formatPounds(budget.remaining)} sydd ar ôl yng nghyllideb ${year}`, en: `Only ${formatPounds(budget.remaining)} is left in the ${year} budget` };
      if (policy.awards.budgetOverrun === 'refuse' || budget.remaining === null) throw new AppError('conflict', left);
      if (!input.override) throw new AppError('conflict', { cy: `${left.cy}: mae angen i gymeradwywr cyllid ei ddiystyru`, en: `${left.en}: a finance approver must override` });
      if (actingAs.role !== 'finance_approver') throw new AppError('forbidden', { cy: 'Dim ond cymeradwywr cyllid all ddiystyru’r gyllideb', en: 'Only a finance approver can override the budget' });
    }

    await appendLedgerEntries(tx, [
      {
        entryKey: `commitment:${reference}`,
        awardReference: reference,
        programme: application.programme,
        financialYear,
        kind: 'commitment',
        amountPence: award.amountPence,
        actorId: actor.personId,
        note: over ? 'Committed beyond the remaining budget on a finance approver’s override' : undefined,
        occurredAt: now,
      },
    ]);
    await tx.award.update({ where: { applicationReference: reference }, data: { financialYear } });
    await appendAuditRecord(tx, {
      stream: reference,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      command: 'award.commit',
      summary: { cy: 'Ymrwymwyd arian ar gyfer eich grant', en: 'Money was committed for your grant' },
      changes: { amountPence: Number(award.amountPence), financialYear, overridden: over },
    });
    return { reference, financialYear, committedPence: Number(award.amountPence), overridden: over };
  });
}
