import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';

// The award ledger: append-only entries in pence, balances always derived. Invariants (append-only, positive
// amounts, payments within the award, retention released only at completion) are held by triggers in the
// database, so no code path can break them; see the award_money migration.

type Db = PrismaClient | Prisma.TransactionClient;

export type LedgerEntryKind = Prisma.LedgerEntryCreateManyInput['kind'];

export interface LedgerEntryInput {
  /** What caused the entry, e.g. 'commitment:CFP-2026-000001': written once however often it is retried. */
  entryKey: string;
  awardReference: string;
  programme: string;
  financialYear: number;
  kind: LedgerEntryKind;
  amountPence: bigint;
  claimId?: string;
  paymentInstructionId?: string;
  recoveryId?: string;
  actorId?: string | null;
  note?: string;
  occurredAt: Date;
}

/** Appends entries whose keys are new; returns how many were new (0 on a retry). */
export async function appendLedgerEntries(db: Db, entries: LedgerEntryInput[]): Promise<number> {
  const { count } = await db.ledgerEntry.createMany({ data: entries, skipDuplicates: true });
  return count;
}

export interface AwardBalances {
  committed: bigint;
  variations: bigint;
  decommitted: bigint;
  /** What the award now stands at: committed + variations - de-committed. */
  awarded: bigint;
  claimsApproved: bigint;
  paymentsInstructed: bigint;
  paymentsConfirmed: bigint;
  retentionHeld: bigint;
  retentionReleased: bigint;
  /** What claims may still ask for. */
  remaining: bigint;
}

export async function awardBalances(db: Db, awardReference: string): Promise<AwardBalances> {
  const sums = await db.ledgerEntry.groupBy({ by: ['kind'], where: { awardReference }, _sum: { amountPence: true } });
  const sum = (kind: LedgerEntryKind) => sums.find((s) => s.kind === kind)?._sum.amountPence ?? 0n;
  const committed = sum('commitment');
  const variations = sum('variation');
  const decommitted = sum('decommitment');
  const awarded = committed + variations - decommitted;
  const claimsApproved = sum('claim_approved');
  return {
    committed,
    variations,
    decommitted,
    awarded,
    claimsApproved,
    paymentsInstructed: sum('payment_instructed'),
    paymentsConfirmed: sum('payment_confirmed'),
    retentionHeld: sum('retention_held'),
    retentionReleased: sum('retention_released'),
    remaining: awarded - claimsApproved,
  };
}

/** What a programme has left to commit in a financial year: its budget less commitments and variations. */
export async function budgetRemaining(
  db: Db,
  programme: string,
  financialYear: number,
): Promise<{ budget: bigint | null; committed: bigint; remaining: bigint | null }> {
  const budget = await db.programmeBudget.findUnique({ where: { programme_financialYear: { programme, financialYear } } });
  const sums = await db.ledgerEntry.groupBy({
    by: ['kind'],
    where: { programme, financialYear, kind: { in: ['commitment', 'variation', 'decommitment'] } },
    _sum: { amountPence: true },
  });
  const sum = (kind: LedgerEntryKind) => sums.find((s) => s.kind === kind)?._sum.amountPence ?? 0n;
  const committed = sum('commitment') + sum('variation') - sum('decommitment');
  return { budget: budget?.amountPence ?? null, committed, remaining: budget ? budget.amountPence - committed : null };
}
