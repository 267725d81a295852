// Retention: a share of each claim payment is held back until the completion (final) claim. Whole pence,
// rounded down in the group's favour, so retention never exceeds the policy's share.

export function retentionOf(approvedPence: number, retentionPercent: number): number {
  if (!Number.isSafeInteger(approvedPence) || approvedPence < 0) throw new RangeError(`Not an amount of pence: ${approvedPence}`);
  return Math.floor((approvedPence * retentionPercent) / 100);
}
