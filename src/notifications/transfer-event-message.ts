import type { Language } from '../domain/bilingual.js';
import { groupActionWording, transferStatusWording } from '../domain/cat/status.js';
import type { TransferEventRecord } from '../workflows/asset-transfer.messages.js';
import { eventMessage } from './event-message.js';

// The email a person gets about one event on an asset transfer, in their own language.

const words = {
  status: { cy: 'Ble mae’r trosglwyddiad', en: 'Where the transfer is' },
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y trosglwyddiad a’i hanes.', en: 'Sign in to Cymuned to see the transfer and its history.' },
};

export function transferEventMessage(event: TransferEventRecord, recipient: { name: string; language: Language; isGroupMember: boolean }) {
  const { state } = event;
  const action = recipient.isGroupMember ? state.groupAction : null;
  return eventMessage(
    {
      reference: state.reference,
      summary: event.summary,
      title: `${state.asset.name} (${state.organisation.name}, ${state.owner.name})`,
      where: { label: words.status, status: transferStatusWording[state.status] },
      groupAction: action ? { wording: groupActionWording[action.action], dueAt: action.dueAt } : null,
      signIn: words.signIn,
    },
    recipient,
  );
}
