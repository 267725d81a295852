import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { lockRecovery, recoveryView, requireStatus, type RecoveryView } from '../../finance/clawback/recovery.js';

export const approveRecoveryReductionInput = z
  .strictObject({})
  .meta({ id: 'RecoveryReductionApproval', description: 'Empty: the lower amount is agreed as it was asked for' });

/**
 * A second finance approver agrees to a lowering beyond the policy's share that another asked for: the
 * recovery is confirmed at the lower amount, with both names on it. Neither the one who asked for it nor the
 * one who recorded the breach may agree to it.
 */
export async function approveRecoveryReduction({
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
    const { recovery, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.confirm', id });
    requireStatus(recovery, 'recorded', { cy: 'cytuno i ostwng y swm', en: 'agree to lower the amount' });
    const { reductionProposedPence: amountPence, reductionProposedById: proposedById, reductionReason: reason } = recovery;
    if (amountPence === null || proposedById === null) {
      throw new AppError('conflict', { cy: `Nid oes cais i ostwng achos adennill ${id} yn aros`, en: `No request to lower recovery ${id} is waiting` });
    }
    if (proposedById === auditActor.personId) {
      throw new AppError('forbidden', {
        cy: 'Chi ofynnodd am ostwng yr adennill hwn: rhaid i gymeradwywr cyllid arall gytuno',
        en: 'You asked for this recovery to be lowered: another finance approver must agree to it',
      });
    }
    if (recovery.recordedById === auditActor.personId) {
      throw new AppError('forbidden', { cy: 'Ni chewch gadarnhau achos adennill a gofnodwyd gennych', en: 'You cannot confirm a recovery you recorded' });
    }
    const confirmed = await tx.recovery.update({
      where: { id },
      data: {
        status: 'confirmed',
        amountPence,
        adjustmentReason: reason,
        confirmedById: proposedById,
        confirmedAt: now,
        reductionApprovedById: auditActor.personId,
        reductionApprovedAt: now,
        updatedAt: now,
      },
    });
    await appendAuditRecord(tx, {
      stream: recovery.awardReference,
      occurredAt: now,
      actor: auditActor,
      requestId: currentRequestId(),
      command: 'recovery.reduction.approve',
      summary: {
        cy: `Cadarnhawyd bod angen ad-dalu ${formatPounds(amountPence)} o’r grant (gostyngwyd o ${formatPounds(recovery.amountPence)})`,
        en: `It was confirmed that ${formatPounds(amountPence)} of the grant must be repaid (lowered from ${formatPounds(recovery.amountPence)})`,
      },
      changes: {
        recoveryId: id,
        amountPence: { from: Number(recovery.amountPence), to: Number(amountPence) },
        reason,
        askedForBy: proposedById,
        status: { from: 'recorded', to: 'confirmed' },
      },
    });
    return recoveryView(tx, confirmed);
  });
}
