import type { Bilingual, Language } from '../domain/bilingual.js';
import { readableDate } from '../domain/wales-time.js';
import { messageWords } from './message-words.js';

// The email a person gets about one event on any case (an application, a transfer), in their own
// language: what happened, where the case is, what the group must do next and by when, and where to look.

const words = {
  next: { cy: 'Beth sydd angen i chi ei wneud', en: 'What you need to do' },
  by: { cy: 'erbyn', en: 'by' },
};

export interface EventMessage {
  reference: string;
  summary: Bilingual;
  /** The case as the group knows it: "Neuadd y Pentref (Cyfeillion y Neuadd)". */
  title: string;
  /** "Where the application is" and the status in words. */
  where: { label: Bilingual; status: Bilingual };
  /** The group's next step, for a member of the group only. */
  groupAction: { wording: Bilingual; dueAt: string | null } | null;
  /** "Sign in to Cymuned to see the application and its history." */
  signIn: Bilingual;
}

export function eventMessage(message: EventMessage, recipient: { name: string; language: Language }): { subject: string; body: string } {
  const l = recipient.language;
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    `${message.summary[l]}.`,
    '',
    `${message.reference}: ${message.title}`,
    `${message.where.label[l]}: ${message.where.status[l]}`,
  ];
  if (message.groupAction) {
    const due = message.groupAction.dueAt ? ` ${words.by[l]} ${readableDate(message.groupAction.dueAt, l, 'dayAndTime')}` : '';
    lines.push(`${words.next[l]}: ${message.groupAction.wording[l]}${due}`);
  }
  lines.push('', message.signIn[l], '', messageWords.welsh[l]);
  return { subject: `${message.reference}: ${message.summary[l]}`, body: `${lines.join('\n')}\n` };
}
