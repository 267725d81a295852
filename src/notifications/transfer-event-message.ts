import type { Language } from '../domain/bilingual.js';
import { groupActionWording, transferStatusWording } from '../domain/cat/status.js';
import { readableDate } from '../domain/wales-time.js';
import type { TransferEventRecord } from '../workflows/asset-transfer.messages.js';
import { messageWords } from './message-words.js';

// The email a person gets about one event on an asset transfer, in their own language.

const words = {
  status: { cy: 'Ble mae’r trosglwyddiad', en: 'Where the transfer is' },
  next: { cy: 'Beth sydd angen i chi ei wneud', en: 'What you need to do' },
  by: { cy: 'erbyn', en: 'by' },
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y trosglwyddiad a’i hanes.', en: 'Sign in to Cymuned to see the transfer and its history.' },
};

export function transferEventMessage(event: TransferEventRecord, recipient: { name: string; language: Language; isGroupMember: boolean }) {
  const l = recipient.language;
  const { state } = event;
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    `${event.summary[l]}.`,
    '',
    `${state.reference}: ${state.asset.name} (${state.organisation.name}, ${state.owner.name})`,
    `${words.status[l]}: ${transferStatusWording[state.status][l]}`,
  ];
  if (recipient.isGroupMember && state.groupAction) {
    const due = state.groupAction.dueAt ? ` ${words.by[l]} ${readableDate(state.groupAction.dueAt, l, 'dayAndTime')}` : '';
    lines.push(`${words.next[l]}: ${groupActionWording[state.groupAction.action][l]}${due}`);
  }
  lines.push('', words.signIn[l], '', messageWords.welsh[l]);
  return { subject: `${state.reference}: ${event.summary[l]}`, body: `${lines.join('\n')}\n` };
}
