// UK postcodes as Royal Mail writes them: the outward code (area, district), a space, the inward code
// (sector digit, two unit letters). Typed any way (lower case, no space, extra spaces), they are stored one
// way, so "sa11aa" and "SA1 1AA" are one postcode when registrations are compared.

// Outward: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA (never C, I, K, M, O or V in the unit). GIR 0AA is
// Girobank's, still valid.
const postcodePattern = /^(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}$/;

/** The postcode written as Royal Mail does, or null when it is not a UK postcode. */
export function normalisePostcode(typed: string): string | null {
  const compact = typed.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 5 || compact.length > 7) return null;
  const spaced = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  if (!postcodePattern.test(spaced)) return null;
  if (spaced.startsWith('GIR') && spaced !== 'GIR 0AA') return null;
  return spaced;
}
