import { describe, expect, it } from 'vitest';
import { amountRepayable, type ClawbackCase } from '../../src/domain/cfp/clawback.js';
import { durationMs } from '../../src/domain/duration.js';

// The repayable amount on a breach, with figures worked by hand. '5 years' is 1,826.25 days (157,788,000,000
// ms), as the policy's duration format reads it.

const fiveYears = durationMs('5 years');
const completedAt = new Date('2027-04-01T00:00:00Z');
const days = (n: number) => new Date(completedAt.getTime() + n * 86_400_000);

const base: ClawbackCase = {
  breach: 'asset_sold',
  paidPence: 1_000_000n,
  completedAt,
  breachAt: days(100),
  monitoringPeriodMs: fiveYears,
  taper: 'straight_line',
};
const repayable = (overrides: Partial<ClawbackCase>) => amountRepayable({ ...base, ...overrides });

describe('the amount repayable on a breach', () => {
  it('tapers in a straight line over the monitoring period', () => {
    // A fifth of the period served (365.25 days): four fifths of 1,000,000p.
    expect(repayable({ breachAt: days(365.25) })).toBe(800_000n);
    // Halfway (913.125 days): half.
    expect(repayable({ breachAt: days(913.125) })).toBe(500_000n);
    // Completed 1 June 2027 10:00, asset sold 15 March 2029: 101,404,800,000 of 157,788,000,000 ms left,
    // 1,800,000p x that = 1,156,796.71p, rounded up.
    expect(repayable({ paidPence: 1_800_000n, completedAt: new Date('2027-06-01T10:00:00Z'), breachAt: new Date('2029-03-15T00:00:00Z') })).toBe(1_156_797n);
  });

  it('rounds up to a whole penny, in the public purse’s favour', () => {
    // 1,000,003p x 4/5 = 800,002.4p -> 800,003p.
    expect(repayable({ paidPence: 1_000_003n, breachAt: days(365.25) })).toBe(800_003n);
    // 1p with a millisecond of the period left is still 1p; with none left, nothing.
    expect(repayable({ paidPence: 1n, breachAt: new Date(completedAt.getTime() + fiveYears - 1) })).toBe(1n);
  });

  it('asks for all of it with no taper, within the period', () => {
    expect(repayable({ taper: 'none', breachAt: days(1000) })).toBe(1_000_000n);
    expect(repayable({ taper: 'none', breachAt: new Date(completedAt.getTime() + fiveYears - 1) })).toBe(1_000_000n);
  });

  it('asks for nothing once the monitoring period has ended', () => {
    const ended = new Date(completedAt.getTime() + fiveYears);
    expect(repayable({ breachAt: ended })).toBe(0n);
    expect(repayable({ taper: 'none', breachAt: ended })).toBe(0n);
    expect(repayable({ breach: 'use_changed', breachAt: days(3000) })).toBe(0n);
  });

  it('asks for all that was paid when the breach came before completion', () => {
    expect(repayable({ completedAt: null, breachAt: new Date('2026-12-01T00:00:00Z'), paidPence: 400_000n })).toBe(400_000n);
    expect(repayable({ breachAt: days(-10) })).toBe(1_000_000n);
    expect(repayable({ breachAt: completedAt })).toBe(1_000_000n);
  });

  it('asks for all of a grant obtained by misrepresentation, whatever the taper or the date', () => {
    expect(repayable({ breach: 'misrepresentation', breachAt: days(365.25) })).toBe(1_000_000n);
    expect(repayable({ breach: 'misrepresentation', breachAt: days(3000) })).toBe(1_000_000n);
    expect(repayable({ breach: 'misrepresentation', taper: 'none', breachAt: days(3000) })).toBe(1_000_000n);
  });

  it('asks for nothing when nothing was paid, and refuses a period that is not one', () => {
    expect(repayable({ paidPence: 0n })).toBe(0n);
    expect(repayable({ paidPence: 0n, breach: 'misrepresentation' })).toBe(0n);
    expect(() => repayable({ monitoringPeriodMs: 0 })).toThrow(RangeError);
    expect(() => repayable({ monitoringPeriodMs: 1.5 })).toThrow(RangeError);
  });
});
