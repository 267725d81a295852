import type { Bilingual } from '../bilingual.js';
import type { TransferStage } from './process.js';

// Where a transfer is. Each stage the body runs is a status of its own; the open-space step has three
// (waiting for the notice, taking objections, weighing them). A case ends declined, withdrawn or lapsed
// (most do), or transferred, and then, when the body monitors, after its last community-benefit report
// or when community use stops and the asset returns to the body.

export const openStatuses = [
  'enquiry',
  'expression_of_interest',
  'initial_assessment',
  'business_plan',
  'evaluation',
  'decision',
  'ministers_consent',
  'heads_of_terms',
  'open_space_notice',
  'objection_period',
  'objections_consideration',
  'legal_completion',
] as const;
export const endedStatuses = ['declined', 'withdrawn', 'lapsed', 'transferred', 'monitoring_complete', 'returned'] as const;
/** After completion, while the group sends its annual community-benefit reports. */
export const transferStatuses = [...openStatuses, 'monitoring', ...endedStatuses] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/** Before completion: a case the group may still withdraw and the body may still decline. */
export function isOpen(status: TransferStatus): boolean {
  return (openStatuses as readonly string[]).includes(status);
}

/** The workflow has nothing more to wait for. */
export function isFinished(status: TransferStatus): boolean {
  return status !== 'monitoring' && !isOpen(status);
}

/** The asset changed hands. */
export function isTransferred(status: TransferStatus): boolean {
  return status === 'transferred' || status === 'monitoring' || status === 'monitoring_complete' || status === 'returned';
}

/** The stage a status belongs to, for lists and service-level clocks; 'closed' when it ended early. */
export function stageOf(status: TransferStatus): TransferStage | 'closed' | 'transferred' {
  if (status === 'objection_period' || status === 'objections_consideration') return 'open_space_notice';
  if (status === 'declined' || status === 'withdrawn' || status === 'lapsed') return 'closed';
  if (status === 'monitoring') return 'monitoring';
  if (isTransferred(status)) return 'transferred';
  return status as TransferStage;
}

export const transferStatusWording: Record<TransferStatus, Bilingual> = {
  enquiry: { cy: 'Ymholiad gyda’r corff cyhoeddus', en: 'Enquiry with the public body' },
  expression_of_interest: { cy: 'Aros am fynegiant o ddiddordeb y grŵp', en: 'Waiting for the group’s expression of interest' },
  initial_assessment: { cy: 'Asesiad cychwynnol', en: 'Initial assessment' },
  business_plan: { cy: 'Aros am gynllun busnes y grŵp', en: 'Waiting for the group’s business plan' },
  evaluation: { cy: 'Gwerthuso a phrisio', en: 'Evaluation and valuation' },
  decision: { cy: 'Aros am benderfyniad', en: 'Waiting for a decision' },
  ministers_consent: { cy: 'Aros am gydsyniad Gweinidogion Cymru', en: 'Waiting for the Welsh Ministers’ consent' },
  heads_of_terms: { cy: 'Cytuno ar benawdau’r telerau', en: 'Agreeing heads of terms' },
  open_space_notice: { cy: 'Paratoi hysbysiad gwaredu man agored', en: 'Preparing the open space disposal notice' },
  objection_period: { cy: 'Cyfnod gwrthwynebu’r hysbysiad man agored', en: 'Open space notice: taking objections' },
  objections_consideration: { cy: 'Ystyried gwrthwynebiadau', en: 'Considering objections' },
  legal_completion: { cy: 'Cwblhau’r trosglwyddiad yn gyfreithiol', en: 'Legal completion' },
  declined: { cy: 'Gwrthodwyd', en: 'Declined' },
  withdrawn: { cy: 'Tynnwyd yn ôl', en: 'Withdrawn' },
  lapsed: { cy: 'Daeth i ben heb ymateb', en: 'Lapsed without a response' },
  transferred: { cy: 'Trosglwyddwyd', en: 'Transferred' },
  monitoring: { cy: 'Trosglwyddwyd: adroddiadau budd cymunedol', en: 'Transferred: community benefit reports' },
  monitoring_complete: { cy: 'Trosglwyddwyd: monitro wedi gorffen', en: 'Transferred: monitoring finished' },
  returned: { cy: 'Dychwelodd yr ased i’r corff cyhoeddus', en: 'The asset returned to the public body' },
};

export const groupActions = ['send_expression_of_interest', 'send_business_plan', 'send_community_benefit_report'] as const;
export type GroupAction = (typeof groupActions)[number];

export const groupActionWording: Record<GroupAction, Bilingual> = {
  send_expression_of_interest: { cy: 'Anfon mynegiant o ddiddordeb', en: 'Send an expression of interest' },
  send_business_plan: { cy: 'Anfon y cynllun busnes', en: 'Send the business plan' },
  send_community_benefit_report: { cy: 'Anfon yr adroddiad budd cymunedol blynyddol', en: 'Send the annual community benefit report' },
};

export const deciderWording = {
  steering_group: { cy: 'y grŵp llywio', en: 'the steering group' },
  delegated_officer: { cy: 'y swyddog dirprwyedig', en: 'the delegated officer' },
  director: { cy: 'y cyfarwyddwr', en: 'the director' },
  cabinet: { cy: 'y cabinet', en: 'the cabinet' },
  section_151_officer: { cy: 'y swyddog adran 151', en: 'the section 151 officer' },
  monitoring_officer: { cy: 'y swyddog monitro', en: 'the monitoring officer' },
} as const satisfies Record<string, Bilingual>;
