import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import type { ClockedStage, CfpPolicy } from '../../domain/cfp/policy.js';
import { capWhenExceeded } from '../../domain/cfp/organisation-cap.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { findApplicationFor } from './find-application.js';

/** The rules a case is assessed and decided under, as those who assess and decide read them. */
export interface ApplicationPolicyView {
  reference: string;
  version: string;
  effectiveFrom: string;
  assessment: {
    assessorsRequired: number;
    moderationGap: number;
    criteria: { id: string; name: string; weight: number; maxScore: number }[];
    wimdPriority: { edition: string; upToDecile: number; bonusPoints: number };
  };
  tiers: { id: string; name: string; minPence: number; maxPence: number }[];
  organisationCap: { maxAwards: number; maxTotalPence: number; periodYears: number; whenExceeded: 'refuse' | 'panel' | 'advisory' };
  delegatedAuthority: { approverMaxPence: number };
  /** Who becomes the case officer as the expression of interest is sent; null: nobody until screening. */
  caseOfficerAssignment: { effectiveFrom: string; rule: 'none' | 'round_robin' } | null;
  tenure: { minLeaseYearsAfterCompletion: number };
  matchFunding: { expectedMinPercent: number };
  serviceLevels: Record<ClockedStage, string>;
  fastTrackServiceLevels: Record<ClockedStage, string>;
}

function policyView(reference: string, policy: CfpPolicy, language: Language): ApplicationPolicyView {
  const { assessment } = policy;
  return {
    reference,
    version: policy.version,
    effectiveFrom: policy.effectiveFrom,
    assessment: {
      assessorsRequired: assessment.assessorsRequired,
      moderationGap: assessment.moderationGap,
      criteria: assessment.criteria.map((criterion) => ({
        id: criterion.id,
        name: criterion.name[language],
        weight: criterion.weight,
        maxScore: criterion.maxScore,
      })),
      wimdPriority: assessment.wimdPriority,
    },
    tiers: policy.tiers.map((tier) => ({ id: tier.id, name: tier.name[language], minPence: tier.minPence, maxPence: tier.maxPence })),
    organisationCap: { ...policy.organisationCap, whenExceeded: capWhenExceeded(policy) },
    delegatedAuthority: policy.delegatedAuthority,
    caseOfficerAssignment: policy.caseOfficerAssignment ?? null,
    tenure: policy.tenure,
    matchFunding: policy.matchFunding,
    serviceLevels: policy.durations.serviceLevels,
    fastTrackServiceLevels: policy.durations.fastTrackServiceLevels,
  };
}

/**
 * The policy version an application was made under (never today's, if that differs): its assessment
 * criteria with their weights and maximum scores, and the thresholds it is screened and decided against.
 * For those who work the case (`application.policy`); the group reads what concerns it on its own view.
 */
export async function getApplicationPolicy({
  prisma,
  policies,
  actor,
  reference,
  language,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  language: Language;
}): Promise<ApplicationPolicyView> {
  const { application } = await findApplicationFor({ prisma, actor, reference, action: 'application.policy' });
  return policyView(reference, policies.forCase(reference, application.policyVersion), language);
}
