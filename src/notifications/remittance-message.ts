import type { Language } from '../domain/bilingual.js';
import { formatPounds } from '../domain/money.js';
import { messageWords } from './message-words.js';

// The remittance notice a group's members get when a payment to them goes to the bank in a payment run,
// in each person's own language.

const words = {
  award: { cy: 'Dyfarniad', en: 'Award' },
  claim: { cy: 'Hawliad', en: 'Claim' },
  amount: { cy: 'Swm', en: 'Amount' },
  reference: { cy: 'Cyfeirnod ar eich cyfriflen banc', en: 'Reference on your bank statement' },
  expected: { cy: 'Disgwylir yn eich cyfrif erbyn', en: 'Expected in your account by' },
  late: { cy: 'Os na fydd wedi cyrraedd erbyn hynny, rhowch wybod i ni.', en: 'If it has not arrived by then, please let us know.' },
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y dyfarniad a’i hawliadau.', en: 'Sign in to Cymuned to see the award and its claims.' },
};

export interface Remittance {
  awardReference: string;
  claimId: string;
  amountPence: bigint | number;
  bankReference: string;
  /** YYYY-MM-DD. */
  expectedDate: string;
  /** The application's project title and group, when the read model has them. */
  projectTitle?: string;
  organisationName?: string;
}

/** A date as people write it: 'Thursday, 4 June 2026', 'Dydd Iau, 4 Mehefin 2026'. */
export function formatPaymentDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function remittanceMessage(remittance: Remittance, recipient: { name: string; language: Language }): { subject: string; body: string } {
  const l = recipient.language;
  const amount = formatPounds(remittance.amountPence);
  const opening =
    l === 'cy'
      ? `Mae taliad o ${amount} ar gyfer hawliad ${remittance.claimId} ar ei ffordd i’ch cyfrif banc.`
      : `A payment of ${amount} for claim ${remittance.claimId} is on its way to your bank account.`;
  const project = remittance.projectTitle ? `: ${remittance.projectTitle}${remittance.organisationName ? ` (${remittance.organisationName})` : ''}` : '';
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    opening,
    '',
    `${words.award[l]}: ${remittance.awardReference}${project}`,
    `${words.claim[l]}: ${remittance.claimId}`,
    `${words.amount[l]}: ${amount}`,
    `${words.reference[l]}: ${remittance.bankReference}`,
    `${words.expected[l]}: ${formatPaymentDate(remittance.expectedDate, l)}`,
    '',
    words.late[l],
    '',
    words.signIn[l],
    '',
    messageWords.welsh[l],
  ];
  const subject =
    l === 'cy' ? `${remittance.awardReference}: taliad o ${amount} ar ei ffordd` : `${remittance.awardReference}: payment of ${amount} on its way`;
  return { subject, body: `${lines.join('\n')}\n` };
}
