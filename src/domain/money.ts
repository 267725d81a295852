// Money is held as integer pence (a number within the safe range, or a bigint) so sums never meet
// floating-point rounding. Pounds appear only when a person reads the amount.

/**
 * The most any one amount of money may be, anywhere it comes in (a request, a statement line, a policy
 * file): £1,000,000,000.00. Far beyond any programme, budget or asset, so it refuses only mistakes and
 * attacks, and small enough that an award, a budget year or a claim, each bounded by it, stays exact as a
 * JavaScript number. Sums over many awards (reports, payment runs) are bigint and leave as decimal strings.
 */
export const maxPence = 100_000_000_000;

/** Whether a bigint amount is within the safe maximum either way. */
export function withinMaxPence(pence: bigint): boolean {
  return pence <= BigInt(maxPence) && pence >= -BigInt(maxPence);
}

/** A bigint sum as the decimal string the API gives for figures that may pass 2^53: exact, never rounded. */
export function penceText(pence: bigint): string {
  return pence.toString();
}

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

/** Integer pence as pounds with two decimals and no symbol or separators, for files: -1234.50. Exact for any bigint. */
export function plainPounds(pence: number | bigint): string {
  if (typeof pence === 'number' && !Number.isSafeInteger(pence)) throw new RangeError(`Pence must be a safe integer, got ${pence}`);
  const value = BigInt(pence);
  const magnitude = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/**
 * Pounds as a person types them ("1234.5", "£1,234.56", " 250 ") as integer pence; null for anything that
 * is not a positive or zero amount of whole pence (more than two decimals, letters, a minus sign). Commas
 * are taken only as thousands separators.
 */
export function parsePounds(typed: string): bigint | null {
  const text = typed.trim().replace(/^£\s*/, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const pounds = BigInt((match[1] ?? '').replace(/,/g, ''));
  const pence = BigInt((match[2] ?? '').padEnd(2, '0'));
  return pounds * 100n + pence;
}
