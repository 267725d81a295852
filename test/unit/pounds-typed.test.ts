import { describe, expect, it } from 'vitest';
import { parsePounds } from '../../src/domain/money.js';

// Amounts as people type them into a page, taken as exact pence or refused, never rounded.

describe('pounds as typed', () => {
  it.each([
    ['250', 25_000n],
    ['£250', 25_000n],
    [' £ 1,234.56 ', 123_456n],
    ['1234.5', 123_450n],
    ['0.07', 7n],
    ['12,345,678.90', 1_234_567_890n],
  ])('takes %j as %s pence', (typed, pence) => {
    expect(parsePounds(typed)).toBe(pence);
  });

  it.each(['', '£', '12.345', '-5', '1,23', '12,34.00', 'ten', '1e3', '0x10', '1.2.3'])('refuses %j', (typed) => {
    expect(parsePounds(typed)).toBeNull();
  });
});
