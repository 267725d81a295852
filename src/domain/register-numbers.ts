import { registerNumbers, type OrganisationType, type RegisterNumber } from './organisation-types.js';

// Which register numbers a registration keeps, and whether each is well formed. A form without JavaScript
// posts every number field, whatever type was chosen: numbers the type does not carry are dropped, never
// refused.

const shapes: Record<RegisterNumber, RegExp> = {
  // The Charity Commission for England and Wales: 6 or 7 digits (a linked charity adds -1, -2, …).
  charityNumber: /^\d{6,8}(-\d{1,2})?$/,
  // Companies House: up to 8 digits, or a two-letter prefix (SC, NI, …) and 6 digits.
  companyNumber: /^(\d{1,8}|[A-Z]{2}\d{6})$/,
  // FCA Mutuals Public Register: digits, optionally prefixed (RS, IP) or suffixed (R).
  mutualsNumber: /^([A-Z]{2})?\d{1,6}R?$/,
};

/** Companies House numbers are 8 characters: digits zero-padded (01234567), or two letters and six digits (SC123456). */
export function companyNumberOf(number: string): string {
  const compact = number.replace(/\s/g, '').toUpperCase();
  return /^\d+$/.test(compact) ? compact.padStart(8, '0') : compact;
}

export type NumberProblem = { field: RegisterNumber; problem: 'missing' | 'invalid' };

export type RegisteredNumbers = Partial<Record<RegisterNumber, string>>;

/** The numbers as stored: spaces taken out, upper case, a company number zero-padded to 8. */
function tidy(field: RegisterNumber, value: string): string {
  const compact = value.replace(/\s/g, '').toUpperCase();
  return field === 'companyNumber' && compact !== '' ? companyNumberOf(compact) : compact;
}

/** The numbers `type` carries, tidied, and what is wrong with them (none missing, each well formed). */
export function numbersFor(
  type: OrganisationType,
  given: Partial<Record<RegisterNumber, string | null | undefined>>,
): { numbers: RegisteredNumbers; problems: NumberProblem[] } {
  const { required, optional } = registerNumbers[type];
  const numbers: RegisteredNumbers = {};
  const problems: NumberProblem[] = [];
  for (const field of [...required, ...optional]) {
    const value = tidy(field, given[field] ?? '');
    if (value === '') {
      if (required.includes(field)) problems.push({ field, problem: 'missing' });
      continue;
    }
    if (!shapes[field].test(value)) problems.push({ field, problem: 'invalid' });
    else numbers[field] = value;
  }
  return { numbers, problems };
}
