import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findAwardFor } from '../../operations/claims/find-award.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { plainText } from '../../domain/text.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { currentRequestId } from '../../temporal/request-context.js';
import { lockAwardLedger } from '../award-ledger-lock.js';
import { checkBudget, lockProgrammeYear } from '../budget-check.js';
import { appendLedgerEntries, awardBalances } from '../ledger.js';

export const varyAwardInput = z
  .strictObject({
    amountPence: z
      .number()
      .int()
      .min(-Number.MAX_SAFE_INTEGER)
      .max(Number.MAX_SAFE_INTEGER)
      .refine((pence) => pence !== 0, 'must not be 0')
      .meta({ description: 'Signed: a top-up is positive, a reduction negative', example: 150_000 }),
    reason: plainText(2_000).meta({ description: 'Why the award changes (building costs rose, part of the project dropped)' }),
    override: z.boolean().default(false).meta({ description: 'Top up beyond the year’s remaining budget, where the programme’s policy allows a finance approver to' }),
  })
  .meta({ id: 'AwardVariationRequest' });

export type VaryAwardInput = z.output<typeof varyAwardInput>;

export interface AwardVariation {
  id: string;
  awardReference: string;
  amountPence: number;
  reason: string;
  approvedById: string;
  approvedAt: string;
  financialYear: number;
  /** What the award stands at after the variation: committed + variations - de-committed. */
  awardedPence: number;
  /** Whether a top-up went beyond the year's remaining budget on the approver's override. */
  overridden: boolean;
}

/**
 * A finance approver tops an award up or reduces it, with a reason: a Variation row and its signed
 * `variation` ledger entry (key variation:<id>), booked to the award's financial year. The award's offered
 * amount (award.amount_pence) stays as decided; what it stands at is always the ledger's. A top-up is
 * checked against what is left of that year's programme budget as a commitment is; a reduction may not
 * take the award below what claims have already had approved, nor to nothing (that is a de-commitment).
 * Only a committed award can be varied, and a completed one only reduced (nothing more can be claimed).
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
  if (financialYear === null) {
    throw new AppError('conflict', { cy: 'Nid yw’r dyfarniad wedi ei ymrwymo eto: ymrwymwch ef cyn ei amrywio', en: 'The award is not committed yet: commit it before varying it' });
  }
  const amountPence = BigInt(input.amountPence);
  const topUp = amountPence > 0n;
  if (topUp && award.completedAt !== null) {
    throw new AppError('conflict', { cy: 'Mae’r dyfarniad wedi ei gwblhau: ni ellir hawlio rhagor, felly ni ellir ei gynyddu', en: 'The award is complete: nothing more can be claimed, so it cannot be topped up' });
  }

  return prisma.$transaction(async (tx) => {
    // The programme year before the award, in the order committing takes them.
    if (topUp) await lockProgrammeYear(tx, application.programme, financialYear);
    await lockAwardLedger(tx, reference);
    const committed = await tx.ledgerEntry.findUnique({ where: { entryKey: `commitment:${reference}` }, select: { id: true } });
    if (!committed) {
      throw new AppError('conflict', { cy: 'Nid yw’r dyfarniad wedi ei ymrwymo eto: ymrwymwch ef cyn ei amrywio', en: 'The award is not committed yet: commit it before varying it' });
    }
    const balances = await awardBalances(tx, reference);
    const awardedPence = balances.awarded + amountPence;
    let over = false;
    if (topUp) {
      ({ over } = await checkBudget(tx, { programme: application.programme, financialYear, amountPence, budgetOverrun: policy.awards.budgetOverrun, override: input.override, role: actingAs.role }));
    } else if (awardedPence < balances.claimsApproved) {
      throw new AppError('conflict', {
        cy: `Mae hawliadau gwerth ${formatPounds(balances.claimsApproved)} eisoes wedi eu cymeradwyo: ni all y grant ostwng i ${formatPounds(awardedPence)}`,
        en: `Claims of ${formatPounds(balances.claimsApproved)} are already approved: the grant cannot go down to ${formatPounds(awardedPence)}`,
      });
    } else if (awardedPence <= 0n) {
      throw new AppError('conflict', { cy: 'Ni all amrywiad ddileu’r grant cyfan: dad-ymrwymwch ef yn lle hynny', en: 'A variation cannot take away the whole grant: de-commit it instead' });
    }

    const number = (await tx.variation.count({ where: { awardReference: reference } })) + 1;
    const id = `${reference}-V${number}`;
    await tx.variation.create({ data: { id, awardReference: reference, amountPence, reason: input.reason, approvedById: actor.personId, approvedAt: now } });
    await appendLedgerEntries(tx, [
      {
        entryKey: `variation:${id}`,
        awardReference: reference,
        programme: application.programme,
        financialYear,
        kind: 'variation',
        amountPence,
        actorId: actor.personId,
        note: over ? `${input.reason} (beyond the remaining budget on a finance approver’s override)` : input.reason,
        occurredAt: now,
      },
    ]);
    const change = formatPounds(topUp ? amountPence : -amountPence);
    await appendAuditRecord(tx, {
      stream: reference,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'award.vary',
      summary: topUp
        ? { cy: `Cynyddwyd eich grant ${change} i ${formatPounds(awardedPence)}`, en: `Your grant was increased by ${change} to ${formatPounds(awardedPence)}` }
        : { cy: `Gostyngwyd eich grant ${change} i ${formatPounds(awardedPence)}`, en: `Your grant was reduced by ${change} to ${formatPounds(awardedPence)}` },
      changes: { variationId: id, amountPence: Number(amountPence), awardedPence: { from: Number(balances.awarded), to: Number(awardedPence) }, reason: input.reason, financialYear, overridden: over },
    });
    return {
      id,
      awardReference: reference,
      amountPence: Number(amountPence),
      reason: input.reason,
      approvedById: actor.personId,
      approvedAt: now.toISOString(),
      financialYear,
      awardedPence: Number(awardedPence),
      overridden: over,
    };
  });
}
