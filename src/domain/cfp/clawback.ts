import type { CfpPolicy } from './policy.js';

// How much of a grant a group must repay when it breaks the grant's conditions. Pure: the operation that
// records a breach gives it the figures and the policy version's taper.
//
// - A grant obtained by misrepresentation was never properly given: all of it is repayable, whenever it
//   comes to light and whatever the taper.
// - A breach before the award completes (the asset sold mid-project) serves none of the monitoring period:
//   all that was paid is repayable.
// - After the monitoring period ends, selling the asset or changing its use breaks nothing: 0.
// - Within the period, 'none' asks for all of it; 'straight_line' asks for the share of the period still
//   left on the day of the breach, so a sale a fifth of the way through repays four fifths.
//
// Rounding: whole pence, rounded up, in the public purse's favour. The difference is under a penny, and
// an exact figure never rounds (a share of exactly three quarters of 100,000p is 75,000p).

export const breaches = ['asset_sold', 'use_changed', 'misrepresentation'] as const;
export type Breach = (typeof breaches)[number];

export type ClawbackTaper = CfpPolicy['awards']['clawbackTaper'];

export interface ClawbackCase {
  breach: Breach;
  /** What the group has been paid and still holds, in pence. */
  paidPence: bigint;
  /** When the final claim was paid and monitoring began; null while the award is not complete. */
  completedAt: Date | null;
  breachAt: Date;
  /** The policy's `awards.monitoring.period` in milliseconds (durationMs). */
  monitoringPeriodMs: number;
  taper: ClawbackTaper;
}

/** Pence repayable for `breach`, between 0 and `paidPence`. */
export function amountRepayable({ breach, paidPence, completedAt, breachAt, monitoringPeriodMs, taper }: ClawbackCase): bigint {
  if (!Number.isSafeInteger(monitoringPeriodMs) || monitoringPeriodMs <= 0) throw new RangeError(`Not a monitoring period: ${monitoringPeriodMs} ms`);
  if (paidPence <= 0n) return 0n;
  if (breach === 'misrepresentation') return paidPence;
  if (completedAt === null || breachAt.getTime() <= completedAt.getTime()) return paidPence;
  const servedMs = breachAt.getTime() - completedAt.getTime();
  if (servedMs >= monitoringPeriodMs) return 0n;
  if (taper === 'none') return paidPence;
  const left = BigInt(monitoringPeriodMs - servedMs);
  const period = BigInt(monitoringPeriodMs);
  // Ceiling division of non-negative integers.
  return (paidPence * left + period - 1n) / period;
}
