import type { Bilingual } from '../bilingual.js';

// A public body's Community Asset Transfer process, as configuration (config/transfers/processes.json).
// In Wales CAT is policy, not statute: each body runs its own stages under the Welsh Government's
// best-practice guide, so which stages run, who decides at each gate and how long each may take are
// the body's to set, version by version. The valuation rules are national (the General Disposal Consent
// (Wales) 2003) and versioned on their own.

/** Every stage a transfer can pass through, in the only order they may come. */
export const transferStages = [
  'enquiry',
  'expression_of_interest',
  'initial_assessment',
  'business_plan',
  'evaluation',
  'decision',
  'ministers_consent',
  'heads_of_terms',
  'open_space_notice',
  'legal_completion',
  'monitoring',
] as const;
export type TransferStage = (typeof transferStages)[number];

/** Stages a body chooses to run. The consent and open-space steps are not chosen: the law adds them. */
export const configurableStages = [
  'enquiry',
  'expression_of_interest',
  'initial_assessment',
  'business_plan',
  'evaluation',
  'decision',
  'heads_of_terms',
  'legal_completion',
  'monitoring',
] as const;
export type ConfigurableStage = (typeof configurableStages)[number];
/** Stages every process must have: no asset changes hands without them. */
export const requiredStages: readonly ConfigurableStage[] = ['evaluation', 'decision', 'heads_of_terms', 'legal_completion'];

/** Who takes a gate decision inside the body; its asset officers record it on the case. */
export const deciders = ['steering_group', 'delegated_officer', 'director', 'cabinet', 'section_151_officer', 'monitoring_officer'] as const;
export type Decider = (typeof deciders)[number];

/** The gates, each decided by the body's configured decider. */
export type Gate = 'initial_assessment' | 'decision' | 'heads_of_terms' | 'legal_completion';

/** Stages where the group must send something, and so where a case lapses when it does not. */
export type GroupStage = 'expression_of_interest' | 'business_plan';

export interface ValuationRules {
  version: string;
  effectiveFrom: string;
  /** Above this undervalue (pence) the Welsh Ministers must consent: £2,000,000 under the 2003 consent. */
  undervalueConsentLimitPence: number;
  /** Tenancies this long or shorter are outside the best-consideration duty (s.123 LGA 1972): 7 years. */
  bestConsiderationMaxTenancyYears: number;
}

export interface TransferProcess {
  /** The body's org-id (GB-LAE-CRF), or 'default' for bodies without their own. */
  owner: string;
  version: string;
  effectiveFrom: string;
  name: Bilingual;
  stages: ConfigurableStage[];
  deciders: Partial<Record<Gate, Decider>>;
  /** The documents the group must send at each group stage (kinds such as 'constitution', 'business_plan'). */
  requiredDocuments: Partial<Record<GroupStage, string[]>>;
  durations: {
    /** How long the body may take over each of its own stages before the case officer's manager is told. */
    serviceLevels: Partial<Record<TransferStage, string>>;
    /** How long the group has to send what a group stage asks for before the case lapses. */
    groupResponseWindow: string;
    /** When, before the case would lapse, the group is reminded. */
    groupReminderBefore: string;
    /** How long objections to an open-space disposal notice are taken. */
    objectionPeriod: string;
  };
  monitoring: {
    /** How many annual community-benefit reports follow completion (0: none). */
    reports: number;
    /** Time between reports ('1 year': each is due on an anniversary of completion, in Wales). */
    reportEvery: string;
    /**
     * How long before its due date a report may be sent ('6 weeks'); earlier is refused with the date it
     * opens. Absent from processes cases started under before it existed: their reports open when their
     * reminder goes out.
     */
    opensBefore?: string;
    reminderBefore: string;
    /** How long after a report is due the case officer's manager is told it is missing. */
    overdueAfter: string;
  };
}

/** A body's process with the national valuation rules in force when the case started. */
export interface ResolvedTransferProcess extends TransferProcess {
  valuation: ValuationRules;
}
