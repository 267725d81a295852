import { dateInWales } from './wales-time.js';

// Public-sector financial years run from 1 April to 31 March; each is named by the year it starts in
// (2026 = 1 April 2026 to 31 March 2027). Dates are taken in Wales (Europe/London).

export function financialYearOf(instant: Date): number {
  const [year, month] = dateInWales(instant).split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

/** '2026-27', as finance teams write it. */
export function financialYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}
