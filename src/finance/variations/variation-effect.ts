import type { Prisma, Variation } from '../../../generated/prisma/client.js';
import { AppError } from '../../domain/app-error.js';
import type { CfpPolicy } from '../../domain/cfp/policy.js';
import { formatPounds, maxPence, withinMaxPence } from '../../domain/money.js';
import type { RoleName } from '../../domain/roles.js';
import { lockAwardLedger } from '../award-ledger-lock.js';
import { checkBudget, lockProgrammeYear } from '../budget-check.js';
import { appendLedgerEntries, awardBalances, type AwardBalances } from '../ledger.js';

// What a variation must meet when it is asked for and again when it takes effect (a second approver may
// confirm it days later, when the budget or the claims have moved), and the ledger entry it then writes.

export const notCommitted = () =>
  new AppError('conflict', {
    cy: 'Nid yw’r dyfarniad wedi ei ymrwymo eto: ymrwymwch ef cyn ei amrywio',
    en: 'The award is not committed yet: commit it before varying it',
  });

export interface VariationCheck {
  reference: string;
  programme: string;
  financialYear: number;
  amountPence: bigint;
  completed: boolean;
  override: boolean;
  role: RoleName;
  budgetOverrun: CfpPolicy['awards']['budgetOverrun'];
}

/**
 * Takes the programme year's lock (for a top-up) and the award's ledger lock, in the order committing
 * takes them, and checks the variation against the award as it stands; throws when it cannot be made.
 * Returns the balances before it, what the award would stand at, and whether a top-up goes beyond the
 * year's remaining budget on an override.
 */
export async function checkVariation(
  tx: Prisma.TransactionClient,
  check: VariationCheck,
): Promise<{ balances: AwardBalances; awardedPence: bigint; over: boolean }> {
  const { reference, amountPence } = check;
  const topUp = amountPence > 0n;
  if (topUp && check.completed) {
    throw new AppError('conflict', {
      cy: 'Mae’r dyfarniad wedi ei gwblhau: ni ellir hawlio rhagor, felly ni ellir ei gynyddu',
      en: 'The award is complete: nothing more can be claimed, so it cannot be topped up',
    });
  }
  if (topUp) await lockProgrammeYear(tx, check.programme, check.financialYear);
  await lockAwardLedger(tx, reference);
  const committed = await tx.ledgerEntry.findUnique({ where: { entryKey: `commitment:${reference}` }, select: { id: true } });
  if (!committed) throw notCommitted();
  const balances = await awardBalances(tx, reference);
  const awardedPence = balances.awarded + amountPence;
  if (!withinMaxPence(awardedPence)) {
    throw new AppError('conflict', { cy: `Ni all grant fod yn fwy na ${formatPounds(maxPence)}`, en: `A grant cannot be more than ${formatPounds(maxPence)}` });
  }
  let over = false;
  if (topUp) {
    ({ over } = await checkBudget(tx, {
      programme: check.programme,
      financialYear: check.financialYear,
      amountPence,
      budgetOverrun: check.budgetOverrun,
      override: check.override,
      role: check.role,
    }));
  } else if (awardedPence < balances.claimsApproved) {
    throw new AppError('conflict', {
      cy: `Mae hawliadau gwerth ${formatPounds(balances.claimsApproved)} eisoes wedi eu cymeradwyo: ni all y grant ostwng i ${formatPounds(awardedPence)}`,
      en: `Claims of ${formatPounds(balances.claimsApproved)} are already approved: the grant cannot go down to ${formatPounds(awardedPence)}`,
    });
  } else if (awardedPence <= 0n) {
    throw new AppError('conflict', {
      cy: 'Ni all amrywiad ddileu’r grant cyfan: dad-ymrwymwch ef yn lle hynny',
      en: 'A variation cannot take away the whole grant: de-commit it instead',
    });
  }
  return { balances, awardedPence, over };
}

/** The variation's signed ledger entry (key variation:<id>), by whoever made it take effect. */
export async function writeVariationEntry(
  tx: Prisma.TransactionClient,
  {
    variation,
    programme,
    financialYear,
    over,
    actorId,
    now,
  }: { variation: Variation; programme: string; financialYear: number; over: boolean; actorId: string; now: Date },
): Promise<void> {
  await appendLedgerEntries(tx, [
    {
      entryKey: `variation:${variation.id}`,
      awardReference: variation.awardReference,
      programme,
      financialYear,
      kind: 'variation',
      amountPence: variation.amountPence,
      actorId,
      note: over ? `${variation.reason} (beyond the remaining budget on a finance approver’s override)` : variation.reason,
      occurredAt: now,
    },
  ]);
}
