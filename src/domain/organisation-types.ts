import type { Bilingual } from './bilingual.js';

// The legal forms a community group registers as, and which register numbers each carries. One table, so
// the registration's validation, the org-id and the pages cannot disagree about what a type needs.

export const organisationTypes = [
  'charity',
  'cio',
  'company_limited_by_guarantee',
  'cic',
  'community_benefit_society',
  'unincorporated',
  'community_council',
] as const;

export type OrganisationType = (typeof organisationTypes)[number];

export type RegisterNumber = 'charityNumber' | 'companyNumber' | 'mutualsNumber';

/** The numbers a type must have (its org-id comes from the first) and those it may also have. */
export const registerNumbers: Record<OrganisationType, { required: readonly RegisterNumber[]; optional: readonly RegisterNumber[] }> = {
  charity: { required: ['charityNumber'], optional: [] },
  cio: { required: ['charityNumber'], optional: [] },
  // A charitable company has both numbers; its org-id is its company number.
  company_limited_by_guarantee: { required: ['companyNumber'], optional: ['charityNumber'] },
  cic: { required: ['companyNumber'], optional: [] },
  community_benefit_society: { required: ['mutualsNumber'], optional: ['charityNumber'] },
  unincorporated: { required: [], optional: [] },
  community_council: { required: [], optional: [] },
};

export const organisationTypeNames: Record<OrganisationType, Bilingual> = {
  charity: { cy: 'Elusen', en: 'Charity' },
  cio: { cy: 'Sefydliad corfforedig elusennol (SCE)', en: 'Charitable incorporated organisation (CIO)' },
  company_limited_by_guarantee: { cy: 'Cwmni cyfyngedig drwy warant', en: 'Company limited by guarantee' },
  cic: { cy: 'Cwmni buddiant cymunedol (CBC)', en: 'Community interest company (CIC)' },
  community_benefit_society: { cy: 'Cymdeithas budd cymunedol', en: 'Community benefit society' },
  unincorporated: { cy: 'Grŵp anghorfforedig', en: 'Unincorporated group' },
  community_council: { cy: 'Cyngor cymuned', en: 'Community council' },
};

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (organisationTypes as readonly string[]).includes(value);
}
