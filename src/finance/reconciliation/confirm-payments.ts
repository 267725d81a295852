import type { Prisma } from '../../../generated/prisma/client.js';
import { appendLedgerEntries } from '../ledger.js';

// What the bank showing a payment does to the money records: the instruction is confirmed and the award's
// ledger gets its `payment_confirmed` entry, keyed by the instruction, so a confirmation is written once
// however often it is attempted.

/** Instructions the bank may still be paying. A failed one is never confirmed by a statement alone. */
export const payableStatuses = ['instructed', 'in_run'] as const;

export function isPayable(status: string): boolean {
  return (payableStatuses as readonly string[]).includes(status);
}

/** The ledger key of an instruction's confirmation: one entry per instruction, ever. */
export function confirmationEntryKey(instructionId: string): string {
  return `confirmed:${instructionId}`;
}

/**
 * The financial year (named by the year it starts, 1 April) a calendar date falls in. The value date is
 * already a date in Wales, so no time zone applies.
 */
export function financialYearOfValueDate(valueDate: Date): number {
  const year = valueDate.getUTCFullYear();
  return valueDate.getUTCMonth() + 1 >= 4 ? year : year - 1;
}

export interface PaymentSeenOnStatement {
  instruction: { id: string; claimId: string; awardReference: string; amountPence: bigint };
  /** The day the bank paid it: the entry's date. */
  valueDate: Date;
  /** Where it was seen, for the ledger entry's note: 'Statement bank-2026-05.csv line 4'. */
  seenAt: string;
}

/**
 * Marks each instruction confirmed and appends its `payment_confirmed` entry, inside the caller's
 * transaction. The caller must hold the instructions' row locks (SELECT … FOR UPDATE) and have checked they
 * are payable; an instruction that is not throws, rolling everything back.
 */
export async function confirmPayments(
  tx: Prisma.TransactionClient,
  payments: readonly PaymentSeenOnStatement[],
  { actorId, now }: { actorId: string; now: Date },
): Promise<void> {
  if (payments.length === 0) return;
  const ids = payments.map((p) => p.instruction.id);
  const { count } = await tx.paymentInstruction.updateMany({
    where: { id: { in: ids }, status: { in: [...payableStatuses] } },
    data: { status: 'confirmed', confirmedAt: now },
  });
  if (count !== new Set(ids).size) throw new Error(`Only ${count} of the payment instructions ${ids.join(', ')} could be confirmed`);

  const awardReferences = [...new Set(payments.map((p) => p.instruction.awardReference))];
  const applications = await tx.application.findMany({ where: { reference: { in: awardReferences } }, select: { reference: true, programme: true } });
  const programmeOf = new Map(applications.map((a) => [a.reference, a.programme]));
  // A confirmation is booked to the year its instruction was (the spend is that year's, whenever the bank
  // clears it); an instruction with no payment_instructed entry falls back to the year of the value date.
  const instructed = await tx.ledgerEntry.findMany({
    where: { kind: 'payment_instructed', paymentInstructionId: { in: ids } },
    select: { paymentInstructionId: true, financialYear: true },
  });
  const instructedYearOf = new Map(instructed.map((e) => [e.paymentInstructionId, e.financialYear]));

  await appendLedgerEntries(
    tx,
    payments.map(({ instruction, valueDate, seenAt }) => {
      const programme = programmeOf.get(instruction.awardReference);
      if (!programme) throw new Error(`Payment instruction ${instruction.id} is for ${instruction.awardReference}, which has no application`);
      return {
        entryKey: confirmationEntryKey(instruction.id),
        awardReference: instruction.awardReference,
        programme,
        financialYear: instructedYearOf.get(instruction.id) ?? financialYearOfValueDate(valueDate),
        kind: 'payment_confirmed' as const,
        amountPence: instruction.amountPence,
        claimId: instruction.claimId,
        paymentInstructionId: instruction.id,
        actorId,
        note: seenAt,
        occurredAt: valueDate,
      };
    }),
  );
}
