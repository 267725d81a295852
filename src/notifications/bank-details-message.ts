import type { Language } from '../domain/bilingual.js';
import { messageWords } from './message-words.js';
import { formatPaymentDate } from './remittance-message.js';

// The notice everyone concerned gets when a group's bank details change: its leads and members (so a change
// none of them made is noticed at once, as mandate fraud is) and the finance team (who must verify it before
// the group is paid again). In each person's own language; the account number is never given in full.

export interface BankDetailsChange {
  organisationId: string;
  organisationName: string;
  version: number;
  /** YYYY-MM-DD, in Wales. */
  changedOn: string;
  changedBy: string;
  payeeName: string;
  /** 12-34-56. */
  sortCode: string;
  /** ****1234. */
  accountNumber: string;
}

const words = {
  payee: { cy: 'Enw’r talai', en: 'Payee name' },
  sortCode: { cy: 'Cod didoli', en: 'Sort code' },
  accountNumber: { cy: 'Rhif y cyfrif', en: 'Account number' },
  held: {
    cy: 'Ni thelir dim i’r grŵp nes bydd swyddog cyllid, nid y sawl a wnaeth y newid, wedi ei wirio.',
    en: 'Nothing will be paid to the group until a finance officer other than the person who made the change has verified it.',
  },
  notYou: {
    cy: 'Os na wyddoch chi am y newid hwn, rhowch wybod i ni ar unwaith drwy’r manylion cyswllt sydd gennych eisoes, nid drwy rai mewn neges arall.',
    en: 'If you do not know about this change, tell us at once using contact details you already have, not any given in another message.',
  },
};

export function bankDetailsMessage(
  change: BankDetailsChange,
  recipient: { name: string; language: Language; member: boolean; finance: boolean },
): { subject: string; body: string } {
  const l = recipient.language;
  const on = formatPaymentDate(change.changedOn, l);
  const opening =
    l === 'cy'
      ? `Newidiwyd y manylion banc y telir grantiau ${change.organisationName} iddynt, ${on}, gan ${change.changedBy}.`
      : `The bank details that ${change.organisationName}’s grants are paid into were changed on ${on} by ${change.changedBy}.`;
  const verify =
    l === 'cy'
      ? `I swyddogion cyllid: gwiriwch y newid (fersiwn ${change.version}) drwy ffonio cyswllt sydd eisoes yn hysbys i chi, nid un a roddwyd gyda’r newid, a chofnodwch sut yn POST /api/organisations/${change.organisationId}/bank-account/verification.`
      : `For finance officers: verify the change (version ${change.version}) by calling back a contact already known to you, not one given with the change, and record how at POST /api/organisations/${change.organisationId}/bank-account/verification.`;
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    opening,
    '',
    `${words.payee[l]}: ${change.payeeName}`,
    `${words.sortCode[l]}: ${change.sortCode}`,
    `${words.accountNumber[l]}: ${change.accountNumber}`,
    '',
    words.held[l],
    ...(recipient.member ? ['', words.notYou[l]] : []),
    ...(recipient.finance ? ['', verify] : []),
    '',
    messageWords.welsh[l],
  ];
  const subject = l === 'cy' ? `Newidiwyd manylion banc ${change.organisationName}` : `The bank details of ${change.organisationName} were changed`;
  return { subject, body: `${lines.join('\n')}\n` };
}
