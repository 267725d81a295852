import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { financialYearOf } from '../../domain/financial-year.js';
import { formatPounds } from '../../domain/money.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { appendLedgerEntries } from '../../finance/ledger.js';
import { lockRecovery, recoveryView, requireStatus, type RecoveryView } from '../../finance/clawback/recovery.js';

export const issueRecoveryInvoiceInput = z.strictObject({}).meta({ id: 'RecoveryInvoiceRequest' });

/**
 * The next invoice number, INV-CYM-000001 onwards, from the reference counter (prefix INV-CYM, year 0:
 * invoice numbers never restart). Taken inside the invoicing transaction, so a rolled-back invoice gives
 * its number back and the numbers have no gaps, as auditors expect of a sales ledger.
 */
async function nextInvoiceNumber(tx: Prisma.TransactionClient): Promise<string> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO reference_counter (prefix, year, last) VALUES ('INV-CYM', 0, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + 1
    RETURNING last`;
  if (!row) throw new Error('No invoice number issued');
  return `INV-CYM-${String(row.last).padStart(6, '0')}`;
}

/**
 * A finance officer invoices the group for a confirmed recovery: an invoice number, and the
 * `recovery_invoiced` ledger entry (key recovery-invoiced:<id>, booked to the financial year it is issued in).
 */
export async function issueRecoveryInvoice({
  prisma,
  actor,
  id,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  id: string;
  now: Date;
}): Promise<RecoveryView> {
  return prisma.$transaction(async (tx) => {
    const { recovery, programme, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.collect', id });
    requireStatus(recovery, 'confirmed', { cy: 'anfon anfoneb', en: 'issue an invoice' });
    const invoiceNumber = await nextInvoiceNumber(tx);
    const invoiced = await tx.recovery.update({ where: { id }, data: { status: 'invoiced', invoiceNumber, updatedAt: now } });
    await appendLedgerEntries(tx, [
      {
        entryKey: `recovery-invoiced:${id}`,
        awardReference: recovery.awardReference,
        programme,
        financialYear: financialYearOf(now),
        kind: 'recovery_invoiced',
        amountPence: recovery.amountPence,
        recoveryId: id,
        actorId: auditActor.personId,
        note: invoiceNumber,
        occurredAt: now,
      },
    ]);
    await appendAuditRecord(tx, {
      stream: recovery.awardReference,
      occurredAt: now,
      actor: auditActor,
      requestId: currentRequestId(),
      command: 'recovery.invoice',
      summary: {
        cy: `Anfonwyd anfoneb ${invoiceNumber} am ${formatPounds(recovery.amountPence)} i ad-dalu’r grant`,
        en: `Invoice ${invoiceNumber} for ${formatPounds(recovery.amountPence)} was issued to repay the grant`,
      },
      changes: { recoveryId: id, invoiceNumber, amountPence: Number(recovery.amountPence), status: { from: 'confirmed', to: 'invoiced' } },
    });
    return recoveryView(tx, invoiced);
  });
}
