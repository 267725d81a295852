import type { Bilingual } from '../bilingual.js';
import type { ClockedStage } from './policy.js';

// Where an application is. Statuses are the workflow's; applicants read them in plain words (never the
// code), and each belongs to a stage used for lists and service-level clocks.

export const statuses = [
  'eoi_draft',
  'eoi_screening',
  'eoi_declined',
  'invited',
  'full_application_expired',
  'assessment',
  'moderation',
  'recommendation',
  'decision',
  'deferred',
  'rejected',
  'offered',
  'accepted',
  'offer_declined',
  'offer_lapsed',
  'withdrawn',
] as const;

export type CfpStatus = (typeof statuses)[number];

export const stages = ['eoi', 'full_application', 'assessment', 'decision', 'offer', 'closed'] as const;
export type CfpStage = (typeof stages)[number];

const stageOf: Record<CfpStatus, CfpStage> = {
  eoi_draft: 'eoi',
  eoi_screening: 'eoi',
  eoi_declined: 'closed',
  invited: 'full_application',
  full_application_expired: 'closed',
  assessment: 'assessment',
  moderation: 'assessment',
  recommendation: 'decision',
  decision: 'decision',
  deferred: 'decision',
  rejected: 'closed',
  offered: 'offer',
  accepted: 'closed',
  offer_declined: 'closed',
  offer_lapsed: 'closed',
  withdrawn: 'closed',
};

export function stageFor(status: CfpStatus): CfpStage {
  return stageOf[status];
}

export function isClosed(status: CfpStatus): boolean {
  return stageOf[status] === 'closed';
}

/** The service-level clock that runs while a case is in `status`, if any. */
export function clockFor(status: CfpStatus): ClockedStage | null {
  switch (status) {
    case 'eoi_screening':
      return 'eoi_screening';
    case 'assessment':
    case 'moderation':
      return 'assessment';
    case 'recommendation':
      return 'recommendation';
    case 'decision':
    case 'deferred':
      return 'decision';
    default:
      return null;
  }
}

/** What the group reads about where its application is. */
export const statusWording: Record<CfpStatus, Bilingual> = {
  eoi_draft: { cy: 'Mynegiant o ddiddordeb heb ei anfon eto', en: 'Expression of interest not sent yet' },
  eoi_screening: { cy: 'Rydym yn edrych ar eich mynegiant o ddiddordeb', en: 'We are looking at your expression of interest' },
  eoi_declined: { cy: 'Ni chawsoch eich gwahodd i wneud cais llawn', en: 'You were not invited to make a full application' },
  invited: { cy: 'Fe’ch gwahoddwyd i wneud cais llawn', en: 'You are invited to make a full application' },
  full_application_expired: { cy: 'Ni chyrhaeddodd y cais llawn mewn pryd', en: 'The full application did not arrive in time' },
  assessment: { cy: 'Mae eich cais yn cael ei asesu', en: 'Your application is being assessed' },
  moderation: { cy: 'Mae eich cais yn cael ei asesu', en: 'Your application is being assessed' },
  recommendation: { cy: 'Mae eich cais yn aros am benderfyniad', en: 'Your application is waiting for a decision' },
  decision: { cy: 'Mae eich cais yn aros am benderfyniad', en: 'Your application is waiting for a decision' },
  deferred: { cy: 'Mae’r penderfyniad ar eich cais wedi ei ohirio', en: 'The decision on your application has been put off' },
  rejected: { cy: 'Ni chafodd eich cais ei gymeradwyo', en: 'Your application was not approved' },
  offered: { cy: 'Rydym wedi cynnig grant i chi', en: 'We have offered you a grant' },
  accepted: { cy: 'Rydych wedi derbyn y cynnig grant', en: 'You have accepted the grant offer' },
  offer_declined: { cy: 'Gwrthodoch y cynnig grant', en: 'You declined the grant offer' },
  offer_lapsed: { cy: 'Daeth y cynnig grant i ben heb ei dderbyn', en: 'The grant offer lapsed without being accepted' },
  withdrawn: { cy: 'Tynnwyd y cais yn ôl', en: 'The application was withdrawn' },
};

/** Something the group must do, shown with its due date. */
export const groupActions = ['send_eoi', 'send_full_application', 'answer_information_request', 'respond_to_offer'] as const;
export type GroupAction = (typeof groupActions)[number];

export const groupActionWording: Record<GroupAction, Bilingual> = {
  send_eoi: { cy: 'Gorffen ac anfon eich mynegiant o ddiddordeb', en: 'Finish and send your expression of interest' },
  send_full_application: { cy: 'Gorffen ac anfon eich cais llawn', en: 'Finish and send your full application' },
  answer_information_request: { cy: 'Ateb cais y swyddog achos am wybodaeth', en: 'Answer the case officer’s request for information' },
  respond_to_offer: { cy: 'Derbyn neu wrthod y cynnig grant', en: 'Accept or decline the grant offer' },
};
