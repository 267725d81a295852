import type { ValuationRules } from './process.js';
import type { TransferTenure } from './tenure.js';

export interface ValuationInput {
  marketValuePence: number;
  considerationPence: number;
  tenure: TransferTenure;
}

export interface ValuationOutcome {
  /** Market value less consideration, never below nothing. */
  undervaluePence: number;
  /** False for tenancies of the exempt length or shorter, which s.123 does not reach. */
  bestConsiderationApplies: boolean;
  /** The undervalue is beyond the General Disposal Consent: the Welsh Ministers must consent. */
  needsMinistersConsent: boolean;
  /** Any undervalue on a disposal the duty reaches must be justified by the well-being it promotes. */
  needsWellBeingJustification: boolean;
}

/**
 * The valuation rules of a disposal (Local Government Act 1972 s.123; General Disposal Consent (Wales)
 * 2003). A licence or a lease of `bestConsiderationMaxTenancyYears` or less is outside the duty, so it
 * needs neither consent nor a justification, whatever the undervalue.
 */
export function assessValuation(input: ValuationInput, rules: ValuationRules): ValuationOutcome {
  const undervaluePence = Math.max(0, input.marketValuePence - input.considerationPence);
  const { tenure } = input;
  const shortTenancy = tenure.kind !== 'freehold' && (tenure.termYears ?? 0) <= rules.bestConsiderationMaxTenancyYears;
  const bestConsiderationApplies = !shortTenancy;
  return {
    undervaluePence,
    bestConsiderationApplies,
    needsMinistersConsent: bestConsiderationApplies && undervaluePence > rules.undervalueConsentLimitPence,
    needsWellBeingJustification: bestConsiderationApplies && undervaluePence > 0,
  };
}
