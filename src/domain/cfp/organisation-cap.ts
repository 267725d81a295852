import type { Bilingual } from '../bilingual.js';
import { formatPounds } from '../money.js';
import type { CfpPolicy } from './policy.js';

// The per-organisation cap: at most so many awards and so much money to one organisation in any so many
// years (DOMAIN.md: 3 awards and £250,000 in 3 years in 2017). Pure, so screening, the invitation and the
// decision all apply the same rule to the awards the API counted in the database.

/** Awards the organisation accepted within the cap's period before the command. */
export interface RecentAwards {
  count: number;
  totalPence: number;
}

/**
 * What a version of the policy does when an award would pass the cap: refuse it (the caseworker declines
 * the expression of interest, no approval is possible), or let the panel decide, with the reason on the
 * case's record. `advisory` is how versions before CFP-2026 were run: screening told the caseworker,
 * nothing stopped the award. Cases begun under those versions hold no such field and stay advisory.
 */
export type CapWhenExceeded = NonNullable<CfpPolicy['organisationCap']['whenExceeded']>;

export function capWhenExceeded(policy: CfpPolicy): CapWhenExceeded {
  return policy.organisationCap.whenExceeded ?? 'advisory';
}

/** Whether one more award of `amountPence` would take the organisation past the cap. */
export function capExceeded(recent: RecentAwards, amountPence: number, policy: CfpPolicy): boolean {
  const cap = policy.organisationCap;
  return recent.count >= cap.maxAwards || recent.totalPence + amountPence > cap.maxTotalPence;
}

/** The cap as the group reads it in its screening. */
export function capRule(policy: CfpPolicy): Bilingual {
  const cap = policy.organisationCap;
  return {
    cy: `Ni all grŵp gael mwy na ${cap.maxAwards} dyfarniad na mwy na ${formatPounds(cap.maxTotalPence)} mewn unrhyw ${cap.periodYears} blynedd`,
    en: `A group cannot receive more than ${cap.maxAwards} awards or more than ${formatPounds(cap.maxTotalPence)} in any ${cap.periodYears} years`,
  };
}

/** Why this award would pass the cap: what the group has had, and the rule. */
export function capReason(recent: RecentAwards, amountPence: number, policy: CfpPolicy): Bilingual {
  const cap = policy.organisationCap;
  const rule = capRule(policy);
  return {
    cy: `Mae’r grŵp wedi cael ${recent.count} dyfarniad (${formatPounds(recent.totalPence)}) yn y ${cap.periodYears} blynedd diwethaf, a byddai ${formatPounds(amountPence)} arall yn mynd y tu hwnt i’r terfyn: ${rule.cy.charAt(0).toLowerCase()}${rule.cy.slice(1)}`,
    en: `The group has had ${recent.count} award${recent.count === 1 ? '' : 's'} (${formatPounds(recent.totalPence)}) in the last ${cap.periodYears} years, and ${formatPounds(amountPence)} more would pass the cap: ${rule.en.charAt(0).toLowerCase()}${rule.en.slice(1)}`,
  };
}
