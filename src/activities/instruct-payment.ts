import { log } from '@temporalio/activity';
import type { PrismaClient } from '../db/prisma.js';
import { appendLedgerEntries, type LedgerEntryInput } from '../finance/ledger.js';
import type { PaymentRequest } from '../workflows/claim.messages.js';

export interface InstructedPayment {
  paymentInstructionId: string;
  bankReference: string;
  amountPence: number;
  retentionReleasedPence: number;
}

/**
 * What the bank shows on the statement, 18 characters at most for Bacs: CYM, the case's year and number and
 * the claim (CFP-2026-000001/C10 -> CYM2026000001C10). Never cut short: two claims must never share one.
 */
export function bankReferenceOf(claimId: string): string {
  const match = /^[A-Z]+-(\d{4})-(\d+)\/C(\d+)$/.exec(claimId);
  const reference = match ? `CYM${match[1]}${match[2]}C${match[3]}` : '';
  if (!match || reference.length > 18) throw new Error(`No bank reference of 18 characters fits claim ${claimId}`);
  return reference;
}

/**
 * Makes the one payment instruction of an approved claim, with its ledger entries, in one transaction:
 * the claim approved, retention held (or, on the final claim, the award completed and all retention
 * released), and the payment instructed. Every key is derived from the claim, so however often this runs
 * (a retry after a crash after the commit, a second worker) there is one instruction and one set of
 * entries; the database refuses a payment beyond the award.
 */
export function instructPayment(prisma: PrismaClient) {
  return async (request: PaymentRequest): Promise<InstructedPayment> => {
    const id = `PAY-${request.claimId}`;
    const at = new Date(request.at);
    const base = {
      awardReference: request.awardReference,
      programme: request.programme,
      financialYear: request.financialYear,
      claimId: request.claimId,
      actorId: request.approvedBy,
      occurredAt: at,
    };
    return prisma.$transaction(async (tx) => {
      const existing = await tx.paymentInstruction.findUnique({ where: { id } });
      if (existing) {
        log.info('Payment was already instructed', { claimId: request.claimId });
        const released = await tx.ledgerEntry.findUnique({ where: { entryKey: `retention-release:${request.claimId}` } });
        return {
          paymentInstructionId: id,
          bankReference: existing.bankReference,
          amountPence: Number(existing.amountPence),
          retentionReleasedPence: Number(released?.amountPence ?? 0n),
        };
      }

      const entries: LedgerEntryInput[] = [
        { ...base, entryKey: `claim:${request.claimId}`, kind: 'claim_approved', amountPence: BigInt(request.approvedPence) },
      ];
      if (request.retentionPence > 0)
        entries.push({ ...base, entryKey: `retention:${request.claimId}`, kind: 'retention_held', amountPence: BigInt(request.retentionPence) });
      let released = 0n;
      if (request.kind === 'final') {
        // Completion: the award is complete before its retention is released (the database checks the order).
        await tx.award.update({ where: { applicationReference: request.awardReference }, data: { completedAt: at } });
        const held = await tx.ledgerEntry.aggregate({ where: { awardReference: request.awardReference, kind: 'retention_held' }, _sum: { amountPence: true } });
        released = held._sum.amountPence ?? 0n;
        if (released > 0n) entries.push({ ...base, entryKey: `retention-release:${request.claimId}`, kind: 'retention_released', amountPence: released });
      }
      const amount = BigInt(request.approvedPence - request.retentionPence) + released;
      await tx.paymentInstruction.create({
        data: {
          id,
          claimId: request.claimId,
          awardReference: request.awardReference,
          organisationId: request.organisationId,
          amountPence: amount,
          bankReference: bankReferenceOf(request.claimId),
          status: 'instructed',
          createdAt: at,
        },
      });
      if (amount > 0n)
        entries.push({ ...base, entryKey: `payment:${request.claimId}`, kind: 'payment_instructed', amountPence: amount, paymentInstructionId: id });
      await appendLedgerEntries(tx, entries);
      return {
        paymentInstructionId: id,
        bankReference: bankReferenceOf(request.claimId),
        amountPence: Number(amount),
        retentionReleasedPence: Number(released),
      };
    });
  };
}
