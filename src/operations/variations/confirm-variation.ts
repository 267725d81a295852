import { z } from 'zod';
import type { Variation } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { findAwardFor } from '../awards/find-award.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { checkVariation, notCommitted, writeVariationEntry } from '../../finance/variations/variation-effect.js';
import { variationView, type AwardVariation } from '../../finance/variations/variation-view.js';

export const confirmVariationInput = z
  .strictObject({})
  .meta({ id: 'AwardVariationConfirmation', description: 'Empty: the variation is confirmed as it was asked for' });

const notFound = (id: string) =>
  new AppError('not_found', { cy: `Nid oes amrywiad ${id} ar y dyfarniad hwn`, en: `There is no variation ${id} on this award` });

/**
 * A second finance approver, not the one who asked for it, confirms a variation beyond what one approver may
 * do alone. It is checked again against the award and the budget as they stand now, then takes effect: its
 * ledger entry is written, by the confirmer. The row is locked first, so two confirmations make one entry.
 */
export async function confirmVariation({
  prisma,
  policies,
  actor,
  reference,
  id,
  now,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  id: string;
  now: Date;
}): Promise<AwardVariation> {
  const { award, application, actingAs } = await findAwardFor({ prisma, actor, reference, action: 'award.vary' });
  if (!actor || !actingAs) throw new Error('award.vary was allowed without a role');
  const policy = policies.forCase(reference, application.policyVersion);
  const { financialYear } = award;
  if (financialYear === null) throw notCommitted();

  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM variation WHERE id = ${id} AND award_reference = ${reference} FOR UPDATE`;
    const variation: Variation | null = locked ? await tx.variation.findUnique({ where: { id } }) : null;
    if (!variation) throw notFound(id);
    if (variation.status !== 'awaiting_confirmation') {
      throw new AppError('conflict', { cy: `Mae amrywiad ${id} eisoes mewn grym`, en: `Variation ${id} is already in effect` });
    }
    if (variation.approvedById === actor.personId) {
      throw new AppError('forbidden', {
        cy: 'Chi ofynnodd am yr amrywiad hwn: rhaid i gymeradwywr cyllid arall ei gadarnhau',
        en: 'You asked for this variation: another finance approver must confirm it',
      });
    }
    const { balances, awardedPence, over } = await checkVariation(tx, {
      reference,
      programme: application.programme,
      financialYear,
      amountPence: variation.amountPence,
      completed: award.completedAt !== null,
      override: variation.overrideBudget,
      role: actingAs.role,
      budgetOverrun: policy.awards.budgetOverrun,
    });
    const confirmed = await tx.variation.update({ where: { id }, data: { status: 'effective', confirmedById: actor.personId, confirmedAt: now } });
    await writeVariationEntry(tx, { variation: confirmed, programme: application.programme, financialYear, over, actorId: actor.personId, now });
    const topUp = variation.amountPence > 0n;
    const change = formatPounds(topUp ? variation.amountPence : -variation.amountPence);
    await appendAuditRecord(tx, {
      stream: reference,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'award.vary.confirm',
      summary: topUp
        ? {
            cy: `Cadarnhawyd: cynyddwyd eich grant ${change} i ${formatPounds(awardedPence)}`,
            en: `Confirmed: your grant was increased by ${change} to ${formatPounds(awardedPence)}`,
          }
        : {
            cy: `Cadarnhawyd: gostyngwyd eich grant ${change} i ${formatPounds(awardedPence)}`,
            en: `Confirmed: your grant was reduced by ${change} to ${formatPounds(awardedPence)}`,
          },
      changes: {
        variationId: id,
        amountPence: Number(variation.amountPence),
        awardedPence: { from: Number(balances.awarded), to: Number(awardedPence) },
        askedForBy: variation.approvedById,
        overridden: over,
        status: { from: 'awaiting_confirmation', to: 'effective' },
      },
    });
    return variationView(confirmed, { financialYear, awardedPence, overridden: over });
  });
}
