import type { Language } from '../domain/bilingual.js';
import { applicantActionWording, statusWording } from '../domain/cfp/status.js';
import { readableDate } from '../domain/wales-time.js';
import { messageWords } from './message-words.js';
import type { CaseEventRecord } from '../workflows/cfp-application.messages.js';

// The email a person gets about one event on a case, in their own language.

const words = {
  status: { cy: 'Ble mae’r cais', en: 'Where the application is' },
  next: { cy: 'Beth sydd angen i chi ei wneud', en: 'What you need to do' },
  by: { cy: 'erbyn', en: 'by' },
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y cais a’i hanes.', en: 'Sign in to Cymuned to see the application and its history.' },
};

export function caseEventMessage(event: CaseEventRecord, recipient: { name: string; language: Language; isApplicant: boolean }) {
  const l = recipient.language;
  const { state } = event;
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    `${event.summary[l]}.`,
    '',
    `${state.reference}: ${state.projectTitle} (${state.organisation.name})`,
    `${words.status[l]}: ${statusWording[state.status][l]}`,
  ];
  if (recipient.isApplicant && state.applicantAction) {
    const due = state.applicantAction.dueAt ? ` ${words.by[l]} ${readableDate(state.applicantAction.dueAt, l, 'dayAndTime')}` : '';
    lines.push(`${words.next[l]}: ${applicantActionWording[state.applicantAction.action][l]}${due}`);
  }
  lines.push('', words.signIn[l], '', messageWords.welsh[l]);
  return { subject: `${state.reference}: ${event.summary[l]}`, body: `${lines.join('\n')}\n` };
}
