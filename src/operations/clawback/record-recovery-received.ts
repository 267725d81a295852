import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { financialYearOf } from '../../domain/financial-year.js';
import { formatPounds } from '../../domain/money.js';
import { penceInput } from '../../domain/input-schemas.js';
import { plainText } from '../../domain/text.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { appendLedgerEntries } from '../../finance/ledger.js';
import { lockRecovery, recoveryLedger, recoveryView, requireStatus, type RecoveryView } from '../../finance/clawback/recovery.js';
import { dateInWales } from '../../domain/wales-time.js';

export const recordRecoveryReceivedInput = z
  .strictObject({
    amountPence: penceInput({ min: 1 }).meta({ description: 'What came in: all that is outstanding, or part of it', example: 250_000 }),
    receivedOn: z.iso.date().meta({ description: 'The day the money reached the programme’s account', example: '2029-05-02' }),
    note: plainText(500).optional().meta({ description: 'The remittance or bank reference, for whoever reconciles it' }),
  })
  .meta({ id: 'RecoveryReceipt' });

export type RecordRecoveryReceivedInput = z.output<typeof recordRecoveryReceivedInput>;

/**
 * A finance officer records money received against an invoiced recovery, in full or in part. Parts add up
 * until the whole amount is in, when the recovery is received; more than is outstanding is refused (an
 * overpayment is refunded outside the grant). Each receipt is one `recovery_received` ledger entry, key
 * recovery-received:<id>:<n>, booked to the financial year of the day received. A client that repeats a
 * receipt it did not hear the answer to sends the same Idempotency-Key, or it records a second receipt.
 */
export async function recordRecoveryReceived({
  prisma,
  actor,
  id,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  id: string;
  input: RecordRecoveryReceivedInput;
  now: Date;
}): Promise<RecoveryView> {
  return prisma.$transaction(async (tx) => {
    const { recovery, programme, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.collect', id });
    requireStatus(recovery, 'invoiced', { cy: 'cofnodi taliad', en: 'record a payment' });
    if (input.receivedOn > dateInWales(now)) {
      throw new AppError('invalid_input', { cy: 'Ni all y dyddiad derbyn fod yn y dyfodol', en: 'The day received cannot be in the future' });
    }
    const ledger = await recoveryLedger(tx, id);
    const outstanding = recovery.amountPence - ledger.received - ledger.writtenOff;
    const amountPence = BigInt(input.amountPence);
    if (amountPence > outstanding) {
      throw new AppError('conflict', {
        cy: `Dim ond ${formatPounds(outstanding)} sy’n ddyledus ar ${recovery.invoiceNumber ?? id}: ni ellir cofnodi ${formatPounds(amountPence)}`,
        en: `Only ${formatPounds(outstanding)} is owed on ${recovery.invoiceNumber ?? id}: ${formatPounds(amountPence)} cannot be recorded`,
      });
    }
    const number = ledger.receipts.length + 1;
    const receivedAt = new Date(`${input.receivedOn}T00:00:00Z`);
    await appendLedgerEntries(tx, [
      {
        entryKey: `recovery-received:${id}:${number}`,
        awardReference: recovery.awardReference,
        programme,
        financialYear: financialYearOf(receivedAt),
        kind: 'recovery_received',
        amountPence,
        recoveryId: id,
        actorId: auditActor.personId,
        note: input.note,
        occurredAt: receivedAt,
      },
    ]);
    const left = outstanding - amountPence;
    const updated = await tx.recovery.update({ where: { id }, data: { status: left === 0n ? 'received' : 'invoiced', updatedAt: now } });
    await appendAuditRecord(tx, {
      stream: recovery.awardReference,
      occurredAt: now,
      actor: auditActor,
      requestId: currentRequestId(),
      command: 'recovery.receive',
      summary:
        left === 0n
          ? {
              cy: `Derbyniwyd ${formatPounds(amountPence)}: mae’r grant wedi ei ad-dalu’n llawn`,
              en: `${formatPounds(amountPence)} was received: the grant has been repaid in full`,
            }
          : {
              cy: `Derbyniwyd ${formatPounds(amountPence)}; mae ${formatPounds(left)} yn dal yn ddyledus`,
              en: `${formatPounds(amountPence)} was received; ${formatPounds(left)} is still owed`,
            },
      changes: {
        recoveryId: id,
        receipt: number,
        amountPence: Number(amountPence),
        receivedOn: input.receivedOn,
        outstandingPence: Number(left),
        status: left === 0n ? { from: 'invoiced', to: 'received' } : undefined,
      },
    });
    return recoveryView(tx, updated);
  });
}
