import type { Prisma } from '../../generated/prisma/client.js';
import { AppError } from '../domain/app-error.js';
import type { CfpPolicy } from '../domain/cfp/policy.js';
import { financialYearLabel } from '../domain/financial-year.js';
import { formatPounds, maxPence, withinMaxPence } from '../domain/money.js';
import type { RoleName } from '../domain/roles.js';
import { budgetRemaining } from './ledger.js';

// Money newly promised against a programme's budget for one financial year (an award committed, an award
// topped up) fits what is left of it, or is refused, or, where the policy allows, goes beyond it on a
// finance approver's explicit override. Everything that adds to a year's commitments checks here, inside
// the transaction that writes the ledger entry and after `lockProgrammeYear`, so two at once cannot both
// fit into the same remainder.

// First key of the two-key advisory lock that serialises commitments against one programme year.
const BUDGET_LOCK_SPACE = 0x62756467;

/** Holds the programme year's budget until the transaction ends. Take it before the award's ledger lock. */
export async function lockProgrammeYear(tx: Prisma.TransactionClient, programme: string, financialYear: number): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${BUDGET_LOCK_SPACE}::int, hashtext(${`${programme}:${financialYear}`}))::text`;
}

export interface BudgetCheck {
  programme: string;
  financialYear: number;
  /** What is to be added to the year's commitments. */
  amountPence: bigint;
  budgetOverrun: CfpPolicy['awards']['budgetOverrun'];
  /** The caller asked to go beyond the remaining budget. */
  override: boolean;
  /** The role the caller acts in: only a finance approver may override. */
  role: RoleName;
}

/** Returns whether the amount goes beyond the remaining budget (on an override); throws when refused. */
export async function checkBudget(
  tx: Prisma.TransactionClient,
  { programme, financialYear, amountPence, budgetOverrun, override, role }: BudgetCheck,
): Promise<{ over: boolean }> {
  const year = financialYearLabel(financialYear);
  const budget = await budgetRemaining(tx, programme, financialYear);
  // Not even an override takes a year past the one safe maximum: a year's figures stay exact numbers.
  if (!withinMaxPence(budget.committed + amountPence)) {
    throw new AppError('conflict', {
      cy: `Ni all ymrwymiadau ${programme} yn ${year} fod yn fwy na ${formatPounds(maxPence)}`,
      en: `Commitments of ${programme} in ${year} cannot be more than ${formatPounds(maxPence)}`,
    });
  }
  const over = budget.remaining === null || budget.remaining < amountPence;
  if (!over) return { over };
  const left =
    budget.remaining === null
      ? { cy: `Nid oes cyllideb wedi ei gosod ar gyfer ${programme} yn ${year}`, en: `No budget is set for ${programme} in ${year}` }
      : {
          cy: `Dim ond ${formatPounds(budget.remaining)} sydd ar ôl yng nghyllideb ${year}`,
          en: `Only ${formatPounds(budget.remaining)} is left in the ${year} budget`,
        };
  if (budgetOverrun === 'refuse' || budget.remaining === null) throw new AppError('conflict', left);
  if (!override)
    throw new AppError('conflict', { cy: `${left.cy}: mae angen i gymeradwywr cyllid ei ddiystyru`, en: `${left.en}: a finance approver must override` });
  if (role !== 'finance_approver')
    throw new AppError('forbidden', { cy: 'Dim ond cymeradwywr cyllid all ddiystyru’r gyllideb', en: 'Only a finance approver can override the budget' });
  return { over };
}
