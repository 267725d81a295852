import type { Bilingual } from '../bilingual.js';
import type { Decider, ValuationRules } from './process.js';
import { deciderWording } from './status.js';
import { tenureWording, type TransferTenure } from './tenure.js';
import { assessValuation } from './valuation.js';

// The heads of terms are what the body and the group agreed the transfer will be; legal completion must
// grant that tenure. Terms do change between the two (a lender asks for a longer lease, a survey makes a
// shorter one sensible), but only as a variation the body's heads-of-terms decider agreed, on the record.
// A tenure other than the one valued is weighed again under the valuation rules, so no change of terms
// takes a disposal past a consent or a justification it never had.

/** A change to the agreed tenure at completion, and who in the body agreed it. */
export interface TermsVariation {
  /** Who agreed the change: must be the body's heads-of-terms decider. */
  agreedBy: Decider;
  reasons: string;
}

/** What the case holds that a tenure other than the valued one is checked against. */
export interface ValuedCase {
  marketValuePence: number;
  considerationPence: number;
  /** The well-being justification recorded with the evaluation, if any. */
  wellBeingJustification: string | null;
  /** The Welsh Ministers consented to the undervalue. */
  ministersConsented: boolean;
}

export function sameTenure(a: TransferTenure, b: TransferTenure): boolean {
  return a.kind === b.kind && (a.kind === 'freehold' || a.termYears === b.termYears);
}

/** Why `tenure` cannot be granted on this case's valuation, or null when it can. */
export function tenureRefusedByValuation(tenure: TransferTenure, valued: ValuedCase, rules: ValuationRules): Bilingual | null {
  const outcome = assessValuation({ marketValuePence: valued.marketValuePence, considerationPence: valued.considerationPence, tenure }, rules);
  const words = tenureWording(tenure);
  if (outcome.needsMinistersConsent && !valued.ministersConsented) {
    return {
      cy: `Ar gyfer ${words.cy}, byddai angen cydsyniad Gweinidogion Cymru i’r tanwerth, ac nid yw’r achos wedi ei gael`,
      en: `${capitalise(words.en)} would need the Welsh Ministers’ consent to the undervalue, which this case does not have`,
    };
  }
  if (outcome.needsWellBeingJustification && !valued.wellBeingJustification) {
    return {
      cy: `Ar gyfer ${words.cy}, byddai angen cyfiawnhad llesiant am y tanwerth, ac ni chofnodwyd un gyda’r gwerthusiad`,
      en: `${capitalise(words.en)} would need a well-being justification for the undervalue, and none was recorded with the evaluation`,
    };
  }
  return null;
}

/**
 * Why completion cannot grant `tenure` after heads of terms agreed `agreed`, or null when it may: the
 * same tenure with no variation, or another with a variation agreed by `termsDecider` that the
 * valuation allows. A variation that changes nothing is refused, so the record never claims one.
 */
export function completionRefusal(
  {
    agreed,
    tenure,
    variation,
    termsDecider,
  }: { agreed: TransferTenure; tenure: TransferTenure; variation: TermsVariation | null; termsDecider: Decider | undefined },
  valued: ValuedCase,
  rules: ValuationRules,
): { reason: Bilingual; forbidden: boolean } | null {
  const was = tenureWording(agreed);
  const now = tenureWording(tenure);
  if (sameTenure(agreed, tenure)) {
    if (!variation) return null;
    return {
      reason: {
        cy: `Nid oes dim i’w amrywio: ${was.cy} a gytunwyd ym mhenawdau’r telerau`,
        en: `There is nothing to vary: the heads of terms agreed ${was.en}`,
      },
      forbidden: false,
    };
  }
  if (!variation) {
    return {
      reason: {
        cy: `Yn ôl penawdau’r telerau, ${was.cy} yw’r daliadaeth, nid ${now.cy}: cwblhewch ar y telerau a gytunwyd, neu rhowch yr amrywiad a gytunwyd a phwy yn y corff a’i cytunodd (variation)`,
        en: `The heads of terms agreed ${was.en}, not ${now.en}: complete on the agreed terms, or give the variation agreed and who in the body agreed it (variation)`,
      },
      forbidden: false,
    };
  }
  if (termsDecider && variation.agreedBy !== termsDecider) {
    const who = deciderWording[termsDecider];
    return {
      reason: { cy: `Yn y corff hwn, ${who.cy} sy’n cytuno ar newid i benawdau’r telerau`, en: `In this body, ${who.en} agrees changes to the heads of terms` },
      forbidden: true,
    };
  }
  const valuation = tenureRefusedByValuation(tenure, valued, rules);
  return valuation ? { reason: valuation, forbidden: false } : null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
