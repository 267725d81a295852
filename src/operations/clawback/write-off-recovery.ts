import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { financialYearOf } from '../../domain/financial-year.js';
import { formatPounds } from '../../domain/money.js';
import { plainText } from '../../domain/text.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { appendLedgerEntries } from '../../finance/ledger.js';
import { lockRecovery, recoveryLedger, recoveryView, requireStatus, type RecoveryView } from '../../finance/clawback/recovery.js';

export const writeOffRecoveryInput = z
  .strictObject({
    reason: plainText(2_000).meta({ description: 'Why the rest will not be collected (the group dissolved, collection would cost more than it brings)' }),
  })
  .meta({ id: 'RecoveryWriteOff' });

export type WriteOffRecoveryInput = z.output<typeof writeOffRecoveryInput>;

/**
 * A finance approver writes off what is still owed on an invoiced recovery: one `recovery_written_off`
 * ledger entry for the rest (key recovery-written-off:<id>), with the reason, and the recovery is closed.
 * Only an invoiced debt can be written off: before the invoice nothing is owed yet. Never by the one who
 * confirmed the amount (or agreed to lower it): letting a debt go is a second person's decision.
 */
export async function writeOffRecovery({
  prisma,
  actor,
  id,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  id: string;
  input: WriteOffRecoveryInput;
  now: Date;
}): Promise<RecoveryView> {
  return prisma.$transaction(async (tx) => {
    const { recovery, programme, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.write_off', id });
    requireStatus(recovery, 'invoiced', { cy: 'dileu’r ddyled', en: 'write off the debt' });
    // Whoever settled what the group owes (or agreed to lower it) may not also let the group off it.
    if (auditActor.personId === recovery.confirmedById || auditActor.personId === recovery.reductionApprovedById) {
      throw new AppError('forbidden', {
        cy: 'Chi gadarnhaodd swm yr adennill hwn: rhaid i rywun arall ei ddileu',
        en: 'You confirmed what this recovery asks for: someone else must write it off',
      });
    }
    const ledger = await recoveryLedger(tx, id);
    const rest = recovery.amountPence - ledger.received - ledger.writtenOff;
    // An invoiced recovery always has something outstanding: the last receipt closes it as received.
    if (rest <= 0n) throw new Error(`Recovery ${id} is invoiced with nothing outstanding`);
    await appendLedgerEntries(tx, [
      {
        entryKey: `recovery-written-off:${id}`,
        awardReference: recovery.awardReference,
        programme,
        financialYear: financialYearOf(now),
        kind: 'recovery_written_off',
        amountPence: rest,
        recoveryId: id,
        actorId: auditActor.personId,
        note: input.reason,
        occurredAt: now,
      },
    ]);
    const writtenOff = await tx.recovery.update({ where: { id }, data: { status: 'written_off', updatedAt: now } });
    await appendAuditRecord(tx, {
      stream: recovery.awardReference,
      occurredAt: now,
      actor: auditActor,
      requestId: currentRequestId(),
      command: 'recovery.write_off',
      summary: {
        cy: `Dilëwyd ${formatPounds(rest)}: nid oes rhaid ad-dalu hyn o’r grant mwyach`,
        en: `${formatPounds(rest)} was written off: this part of the grant no longer has to be repaid`,
      },
      changes: {
        recoveryId: id,
        writtenOffPence: Number(rest),
        receivedPence: Number(ledger.received),
        reason: input.reason,
        status: { from: 'invoiced', to: 'written_off' },
      },
    });
    return recoveryView(tx, writtenOff);
  });
}
