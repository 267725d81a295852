import type { CfpPolicy } from './policy.js';

// When a decision on an award's money is too large for one finance approver alone, by the award's policy
// version. Pure and in bigint, so shares of large amounts are exact. Percentages may have decimals (12.5):
// they are compared in hundredths of a percent.

const hundredths = (percent: number) => BigInt(Math.round(percent * 100));
const magnitude = (pence: bigint) => (pence < 0n ? -pence : pence);

/**
 * Whether a variation needs a second finance approver: when the award's variations that are in effect,
 * together with this one and each counted whichever way it goes, come to more than the policy's amount or
 * share of what was committed. Counting them together keeps a large change from passing as several small
 * ones; counting reductions too keeps a grant from being cut by one person alone.
 */
export function variationNeedsSecondApprover({
  amountPence,
  earlierPence,
  committedPence,
  rule,
}: {
  amountPence: bigint;
  earlierPence: readonly bigint[];
  committedPence: bigint;
  rule: CfpPolicy['awards']['variationApproval'];
}): boolean {
  const together = earlierPence.reduce((sum, pence) => sum + magnitude(pence), magnitude(amountPence));
  return together > BigInt(rule.secondApproverAbovePence) || together * 10_000n > hundredths(rule.secondApproverAbovePercent) * committedPence;
}

/** Whether lowering a recovery from what was assessed to `amountPence` is by more than the policy's share. */
export function reductionNeedsSecondApprover({
  assessedPence,
  amountPence,
  rule,
}: {
  assessedPence: bigint;
  amountPence: bigint;
  rule: CfpPolicy['awards']['recoveryApproval'];
}): boolean {
  return (assessedPence - amountPence) * 10_000n > hundredths(rule.secondApproverReductionAbovePercent) * assessedPence;
}
