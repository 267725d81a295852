import type { Bilingual } from '../bilingual.js';

// The Community Facilities Programme's rules, as one version of programme policy. Published figures change
// between funding rounds, so none of them is written in code: each comes from config/programmes/cfp.json,
// checked by src/programmes/cfp-policy.ts, and an application keeps the version it was made under (the
// workflow is given the whole version when it starts). Durations are strings such as '28 days' or '5 seconds'.

export type Duration = string;

export interface GrantTier {
  id: 'small' | 'large';
  name: Bilingual;
  minPence: number;
  maxPence: number;
}

export interface AssessmentCriterion {
  id: string;
  name: Bilingual;
  /** Share of the total, in percent; the weights of a version add up to 100. */
  weight: number;
  maxScore: number;
}

/** The stages that run a service-level clock, and how long each may take. */
export type ClockedStage = 'eoi_screening' | 'assessment' | 'recommendation' | 'decision';

export interface CfpPolicy {
  programme: 'CFP';
  version: string;
  /** ISO date (Europe/London) from which new applications are made under this version. */
  effectiveFrom: string;
  tiers: GrantTier[];
  /**
   * At most `maxAwards` awards and `maxTotalPence` in total to one organisation in any `periodYears`; past
   * it, `whenExceeded` (src/domain/cfp/organisation-cap.ts). Absent in the versions cases began under before
   * CFP-2026, which were advisory.
   */
  organisationCap: { maxAwards: number; maxTotalPence: number; periodYears: number; whenExceeded?: 'refuse' | 'panel' | 'advisory' };
  eligibility: {
    minUnrelatedSignatories: number;
    /** Unrestricted reserves at or above this need a reserves policy explaining why. */
    reservesThresholdPence: number;
    minUnrelatedBoardMembers: number;
    minPartners: number;
    facilityMustBeInWales: boolean;
    /** Legal forms that cannot apply (local authorities). */
    excludedLegalForms: string[];
  };
  /** Freehold, or a lease with at least this many years left after the project completes. */
  tenure: { minLeaseYearsAfterCompletion: number };
  /** Match funding expected as a share of total cost; 100% grant only in exceptional cases. */
  matchFunding: { expectedMinPercent: number };
  assessment: {
    assessorsRequired: number;
    /** Moderation when two assessors' weighted totals (out of 100) differ by more than this. */
    moderationGap: number;
    criteria: AssessmentCriterion[];
    /** Extra points (out of 100) for facilities in the most deprived areas. */
    wimdPriority: { edition: string; upToDecile: number; bonusPoints: number };
  };
  /** Approvers decide awards up to this (and their own limit); larger awards go to the panel. */
  delegatedAuthority: { approverMaxPence: number };
  /**
   * Who becomes a case's officer when its expression of interest is sent, for those sent from
   * `effectiveFrom` (a date in Wales): nobody until screening ('none', and when absent), or the caseworkers
   * of the programme in turn ('round_robin': the one after whoever was given the last case so assigned).
   */
  caseOfficerAssignment?: { effectiveFrom: string; rule: 'none' | 'round_robin' };
  durations: {
    fullApplicationWindow: Duration;
    /** Reminders sent this long before the full application is due. */
    fullApplicationReminders: Duration[];
    informationResponseWindow: Duration;
    offerAcceptanceWindow: Duration;
    serviceLevels: Record<ClockedStage, Duration>;
    fastTrackServiceLevels: Record<ClockedStage, Duration>;
  };
  /** Conditions every offer carries, before any the decision adds. */
  standardConditions: Bilingual[];
  /** The money side of an award and the years after it. */
  awards: {
    /** Share of each payment held back until the completion claim, in percent. */
    retentionPercent: number;
    /** Committing beyond the year's remaining budget: refused, or allowed on a finance approver's override. */
    budgetOverrun: 'refuse' | 'finance_approver_override';
    monitoring: {
      /** How long after completion the group reports each year ('5 years'). */
      period: Duration;
      /** Time between returns ('1 year': each is due on an anniversary of completion, in Wales). */
      returnInterval: Duration;
      /**
       * How long before its due date a return may be sent ('6 weeks'); earlier is refused with the date it
       * opens. Absent from policies awards began monitoring under before it existed: their returns open
       * when their reminder goes out.
       */
      opensBefore?: Duration;
      /** A reminder this long before each return is due. */
      reminderBefore: Duration;
      /** An overdue return is escalated to the case officer this long after it was due. */
      escalateAfter: Duration;
    };
    /** Repayable on a breach: all of it, or tapering in a straight line to nothing over the monitoring period. */
    clawbackTaper: 'none' | 'straight_line';
    /**
     * What one finance approver may vary an award by alone: the award's variations together (each counted
     * whichever way it goes) up to this amount and this share of what was committed. Beyond either, a second
     * finance approver, a different person, confirms the variation before it takes effect.
     */
    variationApproval: { secondApproverAbovePence: number; secondApproverAbovePercent: number };
    /** Lowering a recovery by more than this share of what was assessed needs a second finance approver. */
    recoveryApproval: { secondApproverReductionAbovePercent: number };
  };
}
