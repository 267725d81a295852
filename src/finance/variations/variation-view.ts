import type { Variation } from '../../../generated/prisma/client.js';

export type VariationStatus = 'effective' | 'awaiting_confirmation';

export interface AwardVariation {
  id: string;
  awardReference: string;
  amountPence: number;
  reason: string;
  /** effective, or awaiting_confirmation by a second finance approver (beyond the policy's limits). */
  status: VariationStatus;
  /** The finance approver who asked for it. */
  approvedById: string;
  approvedAt: string;
  /** The second finance approver who confirmed it, when one had to. */
  confirmedById: string | null;
  confirmedAt: string | null;
  financialYear: number;
  /** What the award stands at now: committed + variations in effect - de-committed. */
  awardedPence: number;
  /** Whether a top-up went beyond the year's remaining budget on the approver's override. */
  overridden: boolean;
}

export function variationView(
  variation: Variation,
  { financialYear, awardedPence, overridden }: { financialYear: number; awardedPence: bigint; overridden: boolean },
): AwardVariation {
  return {
    id: variation.id,
    awardReference: variation.awardReference,
    amountPence: Number(variation.amountPence),
    reason: variation.reason,
    status: variation.status === 'awaiting_confirmation' ? 'awaiting_confirmation' : 'effective',
    approvedById: variation.approvedById,
    approvedAt: variation.approvedAt.toISOString(),
    confirmedById: variation.confirmedById,
    confirmedAt: variation.confirmedAt?.toISOString() ?? null,
    financialYear,
    awardedPence: Number(awardedPence),
    overridden,
  };
}
