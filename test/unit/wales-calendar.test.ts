import { describe, expect, it } from 'vitest';
import { calendarStep, shiftInWales } from '../../src/domain/wales-calendar.js';

describe('stepping through the calendar in Wales', () => {
  it('counts a year as the calendar year, on the same day and at the same time of day in Wales', () => {
    // Not 365.25 days (2027-12-02 00:46), nor 365 (2028-11-30 in a leap year).
    expect(shiftInWales('2026-12-01T18:46:00.000Z', '1 year')).toBe('2027-12-01T18:46:00.000Z');
    expect(shiftInWales('2026-12-01T18:46:00.000Z', '1 year', 2)).toBe('2028-12-01T18:46:00.000Z');
    expect(shiftInWales('2026-12-01T18:46:00.000Z', '5 years')).toBe('2031-12-01T18:46:00.000Z');
    // 00:30 on 1 July in Wales is 23:30 UTC the day before, every year.
    expect(shiftInWales('2026-06-30T23:30:00.000Z', '1 year')).toBe('2027-06-30T23:30:00.000Z');
    // 29 February is the 28th in other years, and the 29th again in the next leap year.
    expect(shiftInWales('2028-02-29T10:00:00.000Z', '1 year')).toBe('2029-02-28T10:00:00.000Z');
    expect(shiftInWales('2028-02-29T10:00:00.000Z', '4 years')).toBe('2032-02-29T10:00:00.000Z');
  });

  it('counts days and weeks by the calendar in Wales across the change of the clocks, and seconds exactly', () => {
    // 10:00 in Wales on 2 December 2027 (GMT), six weeks back is 10:00 BST on 21 October, 09:00 UTC.
    expect(shiftInWales('2027-12-02T10:00:00.000Z', '6 weeks', -1)).toBe('2027-10-21T09:00:00.000Z');
    expect(shiftInWales('2027-03-20T12:00:00.000Z', '14 days')).toBe('2027-04-03T11:00:00.000Z');
    expect(shiftInWales('2027-03-20T12:00:00.123Z', '3 seconds')).toBe('2027-03-20T12:00:03.123Z');
    expect(shiftInWales('2027-03-20T12:00:00.000Z', '2 hours', -1)).toBe('2027-03-20T10:00:00.000Z');
    // 01:30 in Wales does not exist on 28 March 2027: an hour on, 02:30 BST.
    expect(shiftInWales('2027-03-27T01:30:00.000Z', '1 day')).toBe('2027-03-28T01:30:00.000Z');
    // 01:30 in Wales comes twice on 31 October 2027: the first, in BST.
    expect(shiftInWales('2027-10-30T00:30:00.000Z', '1 day')).toBe('2027-10-31T00:30:00.000Z');
  });

  it('reads how a duration steps', () => {
    expect(calendarStep('1 year')).toEqual({ unit: 'years', count: 1 });
    expect(calendarStep('6 weeks')).toEqual({ unit: 'days', count: 42 });
    expect(calendarStep('30 days')).toEqual({ unit: 'days', count: 30 });
    expect(calendarStep('3 seconds')).toEqual({ unit: 'ms', count: 3000 });
    expect(() => calendarStep('soon')).toThrow();
  });
});
