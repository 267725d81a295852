import type { AnswerField } from '../../domain/cfp/answers.js';
import { statusWording, type CfpStatus } from '../../domain/cfp/status.js';
import { answerFieldLabels, labelList } from '../../domain/labels.js';
import type { RoleName } from '../../domain/roles.js';
import { onlyRolesMay } from '../../domain/who-may-act.js';
import { refuse } from '../case/refusal.js';
import { stageGuard, type StageGuard } from '../case/stage-guard.js';
import type { CfpApplicationState } from '../cfp-application.messages.js';

export const caseworkers: readonly RoleName[] = ['caseworker', 'administrator'];
export const decisionMakers: readonly RoleName[] = ['approver', 'panel_member'];

export const officerStatuses: readonly CfpStatus[] = [
  'eoi_screening',
  'invited',
  'assessment',
  'moderation',
  'recommendation',
  'decision',
  'deferred',
  'offered',
];
export const openStatuses: readonly CfpStatus[] = ['eoi_draft', ...officerStatuses];

/** Who may send a command on this application, and when. */
export function applicationGuard(state: CfpApplicationState): StageGuard<CfpStatus> {
  return stageGuard<CfpStatus>({
    organisationId: () => state.organisation.id,
    status: () => state.status,
    wording: {
      // Who may, in the refusal: "Only the group’s lead can do this on this application".
      onlyRoles: (roles) => {
        const only = onlyRolesMay(roles);
        return { cy: `${only.cy} ar y cais hwn`, en: `${only.en} on this application` };
      },
      notYourGroup: { cy: 'Nid cais eich grŵp chi yw hwn', en: 'This is not your group’s application' },
      notNow: (status) => {
        const where = statusWording[status];
        return { cy: `Ni ellir gwneud hyn nawr: ${where.cy.toLowerCase()}`, en: `This cannot be done now: ${where.en.toLowerCase()}` };
      },
    },
  });
}

/** Refuses sending answers with questions unanswered, naming them as the forms do, in each language. */
export function unanswered(missing: readonly AnswerField[]): never {
  const names = labelList(missing.map((field) => answerFieldLabels[field]));
  return refuse({ cy: `Atebwch bob cwestiwn cyn anfon: ${names.cy}`, en: `Answer every question before sending: ${names.en}` });
}
