import type { Language } from '../domain/bilingual.js';
import { readableDate } from '../domain/wales-time.js';

// The mail inviting someone to join a group, in the language the lead chose for them. The link is the only
// way in: it works once, for the address it was sent to, until it expires.

export interface InvitationMail {
  organisationName: string;
  role: 'applicant_member' | 'adviser';
  /** The advice body an adviser is invited to act for. */
  adviserBodyName?: string | undefined;
  invitedBy: string;
  link: string;
  expiresAt: Date;
}

export function invitationMessage(mail: InvitationMail, language: Language): { subject: string; body: string } {
  const expires = readableDate(mail.expiresAt, language);
  if (language === 'cy') {
    const as = mail.role === 'adviser' ? `i’w gynghori, fel cynghorydd ar ran ${mail.adviserBodyName ?? 'eich corff cynghori'}` : 'fel aelod';
    return {
      subject: `Gwahoddiad i ymuno â ${mail.organisationName}`,
      body: [
        'Helo,',
        '',
        `Mae ${mail.invitedBy}, arweinydd ${mail.organisationName}, wedi eich gwahodd i ymuno â’r grŵp ar Cymuned ${as}.`,
        '',
        `I dderbyn, agorwch y ddolen hon a mewngofnodwch (neu crëwch gyfrif) gyda’r cyfeiriad e-bost hwn:`,
        mail.link,
        '',
        `Mae’r ddolen yn gweithio unwaith, tan ${expires}. Os nad oeddech yn disgwyl y gwahoddiad hwn, anwybyddwch y neges.`,
      ].join('\n'),
    };
  }
  const as = mail.role === 'adviser' ? `to advise it, as an adviser for ${mail.adviserBodyName ?? 'your advice body'}` : 'as a member';
  return {
    subject: `Invitation to join ${mail.organisationName}`,
    body: [
      'Hello,',
      '',
      `${mail.invitedBy}, the lead of ${mail.organisationName}, has invited you to join the group on Cymuned ${as}.`,
      '',
      'To accept, open this link and sign in (or create an account) with this email address:',
      mail.link,
      '',
      `The link works once, until ${expires}. If you were not expecting this invitation, ignore this message.`,
    ].join('\n'),
  };
}
