import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { financialYearOf } from '../../domain/financial-year.js';
import { checkBudget, lockProgrammeYear } from '../../finance/budget-check.js';
import { appendLedgerEntries } from '../../finance/ledger.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';

export const commitAwardInput = z.strictObject({
  /** A finance approver's decision to commit beyond the year's remaining budget (where policy allows it). */
  override: z.boolean().default(false),
});

/**
 * Commits an accepted award against its programme's budget for the financial year it was accepted in: one
 * `commitment` ledger entry. Beyond the remaining budget it is refused, or, where the policy allows, done
 * on a finance approver's explicit override. Committing twice changes nothing.
 */
export async function commitAward({
  prisma,
  policies,
  actor,
  reference,
  input,
  now,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  input: z.infer<typeof commitAwardInput>;
  now: Date;
}) {
  const actingAs = enforce(actor, 'award.commit');
  if (!actor || !actingAs) throw new Error('award.commit is allowed only to finance staff');
  const award = await prisma.award.findUnique({ where: { applicationReference: reference } });
  const application = award && (await prisma.application.findUnique({ where: { reference }, select: { programme: true, policyVersion: true } }));
  if (!award || !application) throw new AppError('not_found', { cy: `Nid oes dyfarniad ${reference}`, en: `There is no award ${reference}` });
  const policy = policies.forCase(reference, application.policyVersion);
  const financialYear = award.financialYear ?? financialYearOf(award.acceptedAt);

  return prisma.$transaction(async (tx) => {
    await lockProgrammeYear(tx, application.programme, financialYear);
    const already = await tx.ledgerEntry.findUnique({ where: { entryKey: `commitment:${reference}` } });
    if (already) return { reference, financialYear, committedPence: Number(already.amountPence), overridden: false };

    const { over } = await checkBudget(tx, {
      programme: application.programme,
      financialYear,
      amountPence: award.amountPence,
      budgetOverrun: policy.awards.budgetOverrun,
      override: input.override,
      role: actingAs.role,
    });

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
