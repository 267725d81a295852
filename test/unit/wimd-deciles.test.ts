import { describe, expect, it } from 'vitest';
import { WIMD_2019_AREA_COUNT, wimdDecile } from '../../src/domain/wimd.js';

describe('WIMD deciles', () => {
  it('puts ranks 1-191 of WIMD 2019 in decile 1 and 1-382 in the most deprived 20%', () => {
    expect(WIMD_2019_AREA_COUNT).toBe(1909);
    expect(wimdDecile(1, 1909)).toBe(1);
    expect(wimdDecile(191, 1909)).toBe(1);
    expect(wimdDecile(192, 1909)).toBe(2);
    expect(wimdDecile(382, 1909)).toBe(2);
    expect(wimdDecile(383, 1909)).toBe(3);
    expect(wimdDecile(1909, 1909)).toBe(10);
  });

  it('gives every decile about a tenth of the areas', () => {
    const sizes = new Map<number, number>();
    for (let rank = 1; rank <= 1909; rank++) {
      const decile = wimdDecile(rank, 1909);
      sizes.set(decile, (sizes.get(decile) ?? 0) + 1);
    }
    expect([...sizes.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const size of sizes.values()) expect([190, 191]).toContain(size);
  });

  it('refuses ranks outside the edition and counts that are not whole', () => {
    for (const rank of [0, -1, 1910, 1.5, Number.NaN]) {
      expect(() => wimdDecile(rank, 1909)).toThrow(RangeError);
    }
    expect(() => wimdDecile(1, 0)).toThrow(RangeError);
    expect(() => wimdDecile(1, 19.5)).toThrow(RangeError);
  });
});
