import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { systemStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { financialYearLabel } from '../../domain/financial-year.js';
import { formatPounds } from '../../domain/money.js';
import { pence } from '../../domain/input-schemas.js';
import { budgetRemaining } from '../../finance/ledger.js';
import { lockProgrammeYear } from '../../finance/budget-check.js';

export const setProgrammeBudgetInput = z.strictObject({
  programme: z.enum(['CFP']),
  /** The year the financial year starts in: 2026 for 1 April 2026 to 31 March 2027. */
  financialYear: z.number().int().min(2000).max(2100),
  amountPence: pence,
});

/**
 * Sets what a programme may commit in a financial year (a finance approver). It cannot go below what is
 * already committed that year. Recorded in the audit trail with the old and new amounts.
 */
export async function setProgrammeBudget({
  prisma,
  actor,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  input: z.infer<typeof setProgrammeBudgetInput>;
  now: Date;
}) {
  const actingAs = enforce(actor, 'finance.budget');
  if (!actor || !actingAs) throw new Error('finance.budget is allowed only to finance approvers');
  const { programme, financialYear } = input;
  const amountPence = BigInt(input.amountPence);
  return prisma.$transaction(async (tx) => {
    await lockProgrammeYear(tx, programme, financialYear);
    const { budget, committed } = await budgetRemaining(tx, programme, financialYear);
    if (amountPence < committed) {
      throw new AppError('conflict', {
        cy: `Mae ${formatPounds(committed)} eisoes wedi ei ymrwymo yn ${financialYearLabel(financialYear)}`,
        en: `${formatPounds(committed)} is already committed in ${financialYearLabel(financialYear)}`,
      });
    }
    await tx.programmeBudget.upsert({
      where: { programme_financialYear: { programme, financialYear } },
      create: { programme, financialYear, amountPence, updatedAt: now },
      update: { amountPence, updatedAt: now },
    });
    await appendAuditRecord(tx, {
      stream: systemStream,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      command: 'budget.set',
      summary: {
        cy: `Gosodwyd cyllideb ${programme} ${financialYearLabel(financialYear)}`,
        en: `The ${programme} ${financialYearLabel(financialYear)} budget was set`,
      },
      changes: { programme, financialYear, from: budget === null ? null : Number(budget), to: input.amountPence },
    });
    return { programme, financialYear, amountPence: input.amountPence, committedPence: Number(committed), remainingPence: Number(amountPence - committed) };
  });
}
