import type { Bilingual } from '../bilingual.js';

/** What a group gets: a licence, a lease for a term of years, or the freehold. */
export interface TransferTenure {
  kind: 'licence' | 'lease' | 'freehold';
  /** Licences and leases: the term in years. */
  termYears: number | null;
}

export function tenureWording(tenure: TransferTenure): Bilingual {
  if (tenure.kind === 'freehold') return { cy: 'rhydd-ddaliad', en: 'freehold' };
  const years = tenure.termYears ?? 0;
  if (tenure.kind === 'lease') return { cy: `prydles ${years} mlynedd`, en: `a ${years}-year lease` };
  return { cy: `trwydded ${years} mlynedd`, en: `a ${years}-year licence` };
}

/**
 * Whether a completed transfer gives the security of tenure a CFP grant asks for: the freehold, or a
 * lease at least as long as the programme's minimum. A licence is never security of tenure.
 */
export function tenureMeetsGrant(tenure: TransferTenure, minLeaseYears: number): boolean {
  if (tenure.kind === 'freehold') return true;
  return tenure.kind === 'lease' && (tenure.termYears ?? 0) >= minLeaseYears;
}
