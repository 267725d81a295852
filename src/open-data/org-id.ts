import type { OrganisationType } from '../domain/organisation-types.js';
import { companyNumberOf } from '../domain/register-numbers.js';
import { cymunedPrefix } from './three-sixty-giving.js';

// An organisation's identifier as org-id.guide lists registers (https://org-id.guide), the form 360Giving
// publishes recipients under: GB-CHC for the Charity Commission for England and Wales, GB-COH for
// Companies House, GB-MPR for the FCA Mutuals Public Register. A group on no register gets one under our
// own 360Giving prefix, from its id, which never changes.

export interface OrgIdSource {
  type: OrganisationType;
  charityNumber?: string | null | undefined;
  companyNumber?: string | null | undefined;
  mutualsNumber?: string | null | undefined;
  /** The organisation's own id (a UUID): the stable part of an unregistered group's identifier. */
  id: string;
}

export function deriveOrgId(source: OrgIdSource): string {
  const charity = source.charityNumber?.trim();
  const company = source.companyNumber?.trim();
  const mutuals = source.mutualsNumber?.trim();
  switch (source.type) {
    case 'charity':
    case 'cio':
      if (charity) return `GB-CHC-${charity}`;
      break;
    case 'company_limited_by_guarantee':
    case 'cic':
      if (company) return `GB-COH-${companyNumberOf(company)}`;
      break;
    case 'community_benefit_society':
      if (mutuals) return `GB-MPR-${mutuals.toUpperCase()}`;
      break;
    case 'unincorporated':
    case 'community_council':
      break;
  }
  return `${cymunedPrefix}-${source.id.toLowerCase()}`;
}
