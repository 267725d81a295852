import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { penceInput } from '../../domain/pence-input.js';
import { plainText } from '../../domain/text.js';
import { currentRequestId } from '../../temporal/request-context.js';
import { lockRecovery, recoveryView, requireStatus, type RecoveryView } from './recovery.js';

export const confirmRecoveryInput = z
  .strictObject({
    amountPence: penceInput({ min: 1 })
      .optional()
      .meta({ description: 'Less than the assessed amount, to ask for less (with a reason); absent to confirm the assessed amount' }),
    reason: plainText(2_000).optional().meta({ description: 'Why less is asked for than the policy’s rule gave; required when amountPence is less' }),
  })
  .meta({ id: 'RecoveryConfirmation' });

export type ConfirmRecoveryInput = z.output<typeof confirmRecoveryInput>;

/**
 * A finance approver confirms what a breach recorded by casework is to cost the group: the assessed
 * amount, or less with a reason (never more: the rule's figure is the most the policy allows). The person
 * who recorded the breach cannot confirm it.
 */
export async function confirmRecovery({ prisma, actor, id, input, now }: { prisma: PrismaClient; actor: Actor | undefined; id: string; input: ConfirmRecoveryInput; now: Date }): Promise<RecoveryView> {
  return prisma.$transaction(async (tx) => {
    const { recovery, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.confirm', id });
    requireStatus(recovery, 'recorded', { cy: 'cadarnhau’r swm', en: 'confirm the amount' });
    if (recovery.recordedById === auditActor.personId) {
      throw new AppError('forbidden', { cy: 'Ni chewch gadarnhau achos adennill a gofnodwyd gennych', en: 'You cannot confirm a recovery you recorded' });
    }
    const amountPence = input.amountPence === undefined ? recovery.amountPence : BigInt(input.amountPence);
    if (amountPence > recovery.amountPence) {
      throw new AppError('invalid_input', {
        cy: `Gellir gostwng y swm yn unig: ${formatPounds(recovery.amountPence)} yw’r mwyaf y mae’r polisi yn ei ganiatáu`,
        en: `The amount can only be lowered: ${formatPounds(recovery.amountPence)} is the most the policy allows`,
      });
    }
    const adjusted = amountPence < recovery.amountPence;
    if (adjusted && input.reason === undefined) {
      throw new AppError('invalid_input', { cy: 'Rhowch reswm dros ofyn am lai', en: 'Give a reason for asking for less' });
    }

    const confirmed = await tx.recovery.update({
      where: { id },
      data: { status: 'confirmed', amountPence, adjustmentReason: adjusted ? input.reason : null, confirmedById: auditActor.personId, confirmedAt: now, updatedAt: now },
    });
    await appendAuditRecord(tx, {
      stream: recovery.awardReference,
      occurredAt: now,
      actor: auditActor,
      requestId: currentRequestId(),
      command: 'recovery.confirm',
      summary: {
        cy: `Cadarnhawyd bod angen ad-dalu ${formatPounds(amountPence)} o’r grant`,
        en: `It was confirmed that ${formatPounds(amountPence)} of the grant must be repaid`,
      },
      changes: {
        recoveryId: id,
        amountPence: adjusted ? { from: Number(recovery.amountPence), to: Number(amountPence) } : Number(amountPence),
        reason: adjusted ? input.reason : undefined,
        status: { from: 'recorded', to: 'confirmed' },
      },
    });
    return recoveryView(tx, confirmed);
  });
}
