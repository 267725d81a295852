import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { penceInput } from '../../domain/input-schemas.js';
import { plainText } from '../../domain/text.js';
import { reductionNeedsSecondApprover } from '../../domain/cfp/second-approver.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { lockRecovery, recoveryView, requireStatus, type RecoveryView } from '../../finance/clawback/recovery.js';

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
 *
 * Lowering it by more than the award's policy allows one approver (`recoveryApproval`) only proposes the
 * lower amount: the recovery stays recorded until another finance approver agrees
 * (approve-recovery-reduction.ts), so no one person can ask a group for next to nothing.
 */
export async function confirmRecovery({
  prisma,
  policies,
  actor,
  id,
  input,
  now,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  id: string;
  input: ConfirmRecoveryInput;
  now: Date;
}): Promise<{ recovery: RecoveryView; awaitingSecondApprover: boolean }> {
  return prisma.$transaction(async (tx) => {
    const { recovery, policyVersion, auditActor } = await lockRecovery(tx, { actor, action: 'recovery.confirm', id });
    requireStatus(recovery, 'recorded', { cy: 'cadarnhau’r swm', en: 'confirm the amount' });
    if (recovery.recordedById === auditActor.personId) {
      throw new AppError('forbidden', { cy: 'Ni chewch gadarnhau achos adennill a gofnodwyd gennych', en: 'You cannot confirm a recovery you recorded' });
    }
    if (recovery.reductionProposedPence !== null) {
      throw new AppError('conflict', {
        cy: `Mae cais i ostwng yr adennill i ${formatPounds(recovery.reductionProposedPence)} yn aros i ail gymeradwywr cyllid gytuno`,
        en: `A request to lower the recovery to ${formatPounds(recovery.reductionProposedPence)} is waiting for a second finance approver to agree`,
      });
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
    const policy = policies.forCase(recovery.awardReference, policyVersion);
    if (
      adjusted &&
      input.reason !== undefined &&
      reductionNeedsSecondApprover({ assessedPence: recovery.assessedPence, amountPence, rule: policy.awards.recoveryApproval })
    ) {
      const proposed = await tx.recovery.update({
        where: { id },
        data: {
          reductionProposedPence: amountPence,
          reductionReason: input.reason,
          reductionProposedById: auditActor.personId,
          reductionProposedAt: now,
          updatedAt: now,
        },
      });
      await appendAuditRecord(tx, {
        stream: recovery.awardReference,
        occurredAt: now,
        actor: auditActor,
        requestId: currentRequestId(),
        command: 'recovery.reduction.propose',
        summary: {
          cy: `Gofynnwyd am ostwng y swm i’w ad-dalu o ${formatPounds(recovery.amountPence)} i ${formatPounds(amountPence)}: mae’n aros i ail gymeradwywr cyllid gytuno`,
          en: `It was asked that the amount to repay be lowered from ${formatPounds(recovery.amountPence)} to ${formatPounds(amountPence)}: this waits for a second finance approver to agree`,
        },
        changes: {
          recoveryId: id,
          amountPence: { from: Number(recovery.amountPence), to: Number(amountPence) },
          reason: input.reason,
          share: policy.awards.recoveryApproval.secondApproverReductionAbovePercent,
        },
      });
      return { recovery: await recoveryView(tx, proposed), awaitingSecondApprover: true };
    }

    const confirmed = await tx.recovery.update({
      where: { id },
      data: {
        status: 'confirmed',
        amountPence,
        adjustmentReason: adjusted ? input.reason : null,
        confirmedById: auditActor.personId,
        confirmedAt: now,
        updatedAt: now,
      },
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
    return { recovery: await recoveryView(tx, confirmed), awaitingSecondApprover: false };
  });
}
