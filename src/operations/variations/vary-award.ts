import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findAwardFor } from '../awards/find-award.js';
import { AppError } from '../../domain/app-error.js';
import { variationNeedsSecondApprover } from '../../domain/cfp/second-approver.js';
import { formatPounds } from '../../domain/money.js';
import { signedPenceInput } from '../../domain/input-schemas.js';
import { plainText } from '../../domain/text.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { checkVariation, notCommitted, writeVariationEntry } from '../../finance/variations/variation-effect.js';
import { variationView, type AwardVariation } from '../../finance/variations/variation-view.js';

export type { AwardVariation } from '../../finance/variations/variation-view.js';

export const varyAwardInput = z
  .strictObject({
    amountPence: signedPenceInput().meta({
      description: 'Signed: a top-up is positive, a reduction negative; at most £1,000,000,000.00 either way',
      example: 150_000,
    }),
    reason: plainText(2_000).meta({ description: 'Why the award changes (building costs rose, part of the project dropped)' }),
    override: z
      .boolean()
      .default(false)
      .meta({ description: 'Top up beyond the year’s remaining budget, where the programme’s policy allows a finance approver to' }),
  })
  .meta({ id: 'AwardVariationRequest' });

export type VaryAwardInput = z.output<typeof varyAwardInput>;

/**
 * A finance approver tops an award up or reduces it, with a reason: a Variation row and its signed
 * `variation` ledger entry (key variation:<id>), booked to the award's financial year. The award's offered
 * amount (award.amount_pence) stays as decided; what it stands at is always the ledger's. A top-up is
 * checked against what is left of that year's programme budget as a commitment is; a reduction may not
 * take the award below what claims have already had approved, nor to nothing (that is a de-commitment).
 * Only a committed award can be varied, and a completed one only reduced (nothing more can be claimed).
 *
 * Beyond what the policy lets one finance approver do alone (an amount and a share of what was committed,
 * the award's variations counted together), the variation is kept awaiting a second finance approver and
 * writes nothing to the ledger until confirmed (confirm-variation.ts). One waits at a time per award.
 */
export async function varyAward({
  prisma,
  policies,
  actor,
  reference,
  input,
  now,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  input: VaryAwardInput;
  now: Date;
}): Promise<AwardVariation> {
  const { award, application, actingAs } = await findAwardFor({ prisma, actor, reference, action: 'award.vary' });
  if (!actor || !actingAs) throw new Error('award.vary was allowed without a role');
  const policy = policies.forCase(reference, application.policyVersion);
  const { financialYear } = award;
  if (financialYear === null) throw notCommitted();
  const amountPence = BigInt(input.amountPence);

  return prisma.$transaction(async (tx) => {
    const { balances, awardedPence, over } = await checkVariation(tx, {
      reference,
      programme: application.programme,
      financialYear,
      amountPence,
      completed: award.completedAt !== null,
      override: input.override,
      role: actingAs.role,
      budgetOverrun: policy.awards.budgetOverrun,
    });
    const earlier = await tx.variation.findMany({ where: { awardReference: reference }, select: { id: true, status: true, amountPence: true } });
    const waiting = earlier.find((v) => v.status === 'awaiting_confirmation');
    if (waiting) {
      throw new AppError('conflict', {
        cy: `Mae amrywiad ${waiting.id} yn aros i ail gymeradwywr cyllid ei gadarnhau: rhaid ei gadarnhau cyn gofyn am un arall`,
        en: `Variation ${waiting.id} is waiting for a second finance approver: it must be confirmed before another is asked for`,
      });
    }
    const secondApprover = variationNeedsSecondApprover({
      amountPence,
      earlierPence: earlier.map((v) => v.amountPence),
      committedPence: balances.committed,
      rule: policy.awards.variationApproval,
    });

    const id = `${reference}-V${earlier.length + 1}`;
    const variation = await tx.variation.create({
      data: {
        id,
        awardReference: reference,
        amountPence,
        reason: input.reason,
        approvedById: actor.personId,
        approvedAt: now,
        status: secondApprover ? 'awaiting_confirmation' : 'effective',
        overrideBudget: input.override,
      },
    });
    if (!secondApprover) await writeVariationEntry(tx, { variation, programme: application.programme, financialYear, over, actorId: actor.personId, now });
    const topUp = amountPence > 0n;
    const change = formatPounds(topUp ? amountPence : -amountPence);
    await appendAuditRecord(tx, {
      stream: reference,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'award.vary',
      summary: secondApprover
        ? topUp
          ? {
              cy: `Gofynnwyd am gynyddu eich grant ${change}: mae’n aros i ail gymeradwywr cyllid ei gadarnhau`,
              en: `An increase of ${change} to your grant was asked for: it waits for a second finance approver to confirm it`,
            }
          : {
              cy: `Gofynnwyd am ostwng eich grant ${change}: mae’n aros i ail gymeradwywr cyllid ei gadarnhau`,
              en: `A reduction of ${change} to your grant was asked for: it waits for a second finance approver to confirm it`,
            }
        : topUp
          ? {
              cy: `Cynyddwyd eich grant ${change} i ${formatPounds(awardedPence)}`,
              en: `Your grant was increased by ${change} to ${formatPounds(awardedPence)}`,
            }
          : {
              cy: `Gostyngwyd eich grant ${change} i ${formatPounds(awardedPence)}`,
              en: `Your grant was reduced by ${change} to ${formatPounds(awardedPence)}`,
            },
      changes: {
        variationId: id,
        amountPence: Number(amountPence),
        awardedPence: { from: Number(balances.awarded), to: Number(secondApprover ? balances.awarded : awardedPence) },
        reason: input.reason,
        financialYear,
        overridden: over,
        status: variation.status,
      },
    });
    return variationView(variation, { financialYear, awardedPence: secondApprover ? balances.awarded : awardedPence, overridden: over });
  });
}
