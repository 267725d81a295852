import type { Language } from '../domain/bilingual.js';
import { groupActionWording, statusWording } from '../domain/cfp/status.js';
import type { CaseEventRecord } from '../workflows/cfp-application.messages.js';
import { eventMessage } from './event-message.js';

// The email a person gets about one event on an application, in their own language.

const words = {
  status: { cy: 'Ble mae’r cais', en: 'Where the application is' },
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y cais a’i hanes.', en: 'Sign in to Cymuned to see the application and its history.' },
};

export function caseEventMessage(event: CaseEventRecord, recipient: { name: string; language: Language; isGroupMember: boolean }) {
  const { state } = event;
  const action = recipient.isGroupMember ? state.applicantAction : null;
  return eventMessage(
    {
      reference: state.reference,
      summary: event.summary,
      title: `${state.projectTitle} (${state.organisation.name})`,
      where: { label: words.status, status: statusWording[state.status] },
      groupAction: action ? { wording: groupActionWording[action.action], dueAt: action.dueAt } : null,
      signIn: words.signIn,
    },
    recipient,
  );
}
