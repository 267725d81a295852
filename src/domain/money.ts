// Money is held as integer pence (a number within the safe range, or a bigint) so sums never meet
// floating-point rounding. Pounds appear only when a person reads the amount.

/**
 * Integer pence as pounds for people to read, e.g. 1234567 -> "£12,345.67", 2500000 -> "£25,000.00",
 * -50 -> "-£0.50". The same in Welsh and English. Throws a RangeError for anything that is not a whole,
 * exactly representable number of pence.
 */
export function formatPounds(pence: number | bigint): string {
  if (typeof pence === 'number' && !Number.isSafeInteger(pence)) {
    throw new RangeError(`Pence must be a safe integer, got ${pence}`);
  }
  const value = BigInt(pence);
  const magnitude = value < 0n ? -value : value;
  const pounds = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const remainder = (magnitude % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}£${pounds}.${remainder}`;
}
