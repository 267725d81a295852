// The Welsh Index of Multiple Deprivation ranks every small area (LSOA) in Wales, 1 being the most
// deprived. Editions use different boundaries and area counts, so a rank only means something together
// with its edition.

export const WIMD_2019 = 'WIMD2019';

/** LSOAs ranked in WIMD 2019 (2011 boundaries). */
export const WIMD_2019_AREA_COUNT = 1909;

/**
 * The decile of a rank, 1 being the most deprived tenth. For WIMD 2019, ranks 1-191 are decile 1 and
 * ranks 1-382 (deciles 1 and 2) the most deprived 20%, as the Welsh Government counts them.
 */
export function wimdDecile(rank: number, areaCount: number): number {
  if (!Number.isInteger(areaCount) || areaCount < 1) {
    throw new RangeError(`WIMD area count must be a positive whole number, not ${areaCount}`);
  }
  if (!Number.isInteger(rank) || rank < 1 || rank > areaCount) {
    throw new RangeError(`WIMD rank must be a whole number from 1 to ${areaCount}, not ${rank}`);
  }
  return Math.floor(((rank - 1) * 10) / areaCount) + 1;
}
