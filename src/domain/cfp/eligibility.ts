import type { Bilingual } from '../bilingual.js';
import { formatPounds } from '../money.js';
import type { EoiAnswers } from './answers.js';
import { capExceeded, capRule, type RecentAwards } from './organisation-cap.js';
import type { CfpPolicy, GrantTier } from './policy.js';

// Automatic eligibility screening of an expression of interest against the lead applicant's minimum
// requirements. It informs the caseworker, who screens and decides; every reason is written for the group
// to read.

export interface ScreeningReason {
  code: string;
  met: boolean;
  text: Bilingual;
}

export interface AutomaticScreening {
  eligible: boolean;
  tier: GrantTier['id'] | null;
  reasons: ScreeningReason[];
}

export interface ApplicantFacts {
  legalForm: string | null;
  /** Awards already made to the organisation within the policy's cap period. */
  recentAwards: RecentAwards;
}

export function tierFor(amountPence: number, policy: CfpPolicy): GrantTier | undefined {
  return policy.tiers.find((tier) => amountPence >= tier.minPence && amountPence <= tier.maxPence);
}

function reason(code: string, met: boolean, text: Bilingual): ScreeningReason {
  return { code, met, text };
}

export function screenEligibility(eoi: EoiAnswers, facts: ApplicantFacts, policy: CfpPolicy): AutomaticScreening {
  const rules = policy.eligibility;
  const g = eoi.governance;
  const tier = tierFor(eoi.requestedPence, policy);
  const lowest = Math.min(...policy.tiers.map((t) => t.minPence));
  const highest = Math.max(...policy.tiers.map((t) => t.maxPence));
  const reasons: ScreeningReason[] = [
    reason('amount_in_tier', tier !== undefined, {
      cy: `Rhaid i'r swm y gofynnir amdano fod rhwng ${formatPounds(lowest)} a ${formatPounds(highest)}`,
      en: `The amount requested must be between ${formatPounds(lowest)} and ${formatPounds(highest)}`,
    }),
    reason('not_excluded_body', !rules.excludedLegalForms.includes(facts.legalForm ?? ''), {
      cy: 'Ni all awdurdodau lleol wneud cais',
      en: 'Local authorities cannot apply',
    }),
    reason('constitution', g.constitutionSignedOn !== null, {
      cy: 'Mae angen cyfansoddiad neu reolau wedi eu llofnodi a’u dyddio',
      en: 'A signed and dated constitution or rules is needed',
    }),
    reason('bank_account', g.bankAccountInOwnName && g.unrelatedSignatories >= rules.minUnrelatedSignatories, {
      cy: `Mae angen cyfrif banc yn enw’r grŵp gydag o leiaf ${rules.minUnrelatedSignatories} llofnodwr nad ydynt yn perthyn`,
      en: `A bank account in the group’s own name with at least ${rules.minUnrelatedSignatories} unrelated signatories is needed`,
    }),
    reason('not_for_profit', !g.distributesProfit, {
      cy: 'Rhaid i’r grŵp beidio â dosbarthu elw i’w aelodau',
      en: 'The group must not distribute profit to its members',
    }),
    reason('reserves', g.unrestrictedReservesPence < rules.reservesThresholdPence || g.hasReservesPolicy, {
      cy: `Gyda chronfeydd wrth gefn anghyfyngedig o ${formatPounds(rules.reservesThresholdPence)} neu fwy, mae angen polisi cronfeydd wrth gefn`,
      en: `With unrestricted reserves of ${formatPounds(rules.reservesThresholdPence)} or more, a reserves policy is needed`,
    }),
    reason('board', g.unrelatedBoardMembers >= rules.minUnrelatedBoardMembers, {
      cy: `Mae angen bwrdd o o leiaf ${rules.minUnrelatedBoardMembers} aelod nad ydynt yn perthyn`,
      en: `A board of at least ${rules.minUnrelatedBoardMembers} unrelated members is needed`,
    }),
    reason('partners', eoi.partners.length >= rules.minPartners, {
      cy: `Mae angen o leiaf ${rules.minPartners} partner o’r sector cyhoeddus, preifat neu’r trydydd sector`,
      en: `At least ${rules.minPartners} partner from the public, private or third sector is needed`,
    }),
    reason('in_wales', !rules.facilityMustBeInWales || eoi.facility.inWales, {
      cy: 'Rhaid i’r cyfleuster fod yng Nghymru',
      en: 'The facility must be in Wales',
    }),
    reason(
      'tenure',
      // Tenure from a community asset transfer passes screening as a condition: the grant's case waits on
      // the transfer (linked to it) and its case officer hears if the transfer falls through.
      eoi.tenure.kind === 'freehold' ||
        eoi.tenure.kind === 'asset_transfer' ||
        (eoi.tenure.kind === 'leasehold' && (eoi.tenure.leaseYearsAfterCompletion ?? 0) >= policy.tenure.minLeaseYearsAfterCompletion),
      {
        cy: `Mae angen rhydd-ddaliad, neu brydles ag o leiaf ${policy.tenure.minLeaseYearsAfterCompletion} mlynedd ar ôl wedi i’r prosiect orffen`,
        en: `Freehold, or a lease with at least ${policy.tenure.minLeaseYearsAfterCompletion} years left after the project completes, is needed`,
      },
    ),
    reason('organisation_cap', !capExceeded(facts.recentAwards, eoi.requestedPence, policy), capRule(policy)),
    reason('costs', eoi.requestedPence <= eoi.totalCostPence, {
      cy: 'Ni all y swm y gofynnir amdano fod yn fwy na chyfanswm cost y prosiect',
      en: 'The amount requested cannot be more than the total cost of the project',
    }),
  ];
  return { eligible: reasons.every((r) => r.met), tier: tier?.id ?? null, reasons };
}

/** Whether the match funding offered meets the expectation (100% grant only in exceptional cases). */
export function matchFundingShortfall(requestedPence: number, totalCostPence: number, policy: CfpPolicy): boolean {
  if (totalCostPence <= 0) return true;
  const matchPercent = ((totalCostPence - requestedPence) / totalCostPence) * 100;
  return matchPercent < policy.matchFunding.expectedMinPercent;
}
