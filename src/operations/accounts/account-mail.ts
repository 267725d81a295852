import type { Client } from '@temporalio/client';
import type { Prisma } from '../../../generated/prisma/client.js';
import { personStream } from '../../audit/audit-stream.js';
import type { Language } from '../../domain/bilingual.js';
import type { Logger } from '../../log.js';
import { messageWords } from '../../notifications/message-words.js';
import { deliverNotices, queueNotice, type NoticeDelivery } from '../notices/deliver-notices.js';
import type { AuthSettings } from '../../auth/settings.js';
import { accountLink, accountNoticeId, accountNoticeWorkflowId, issueAccountToken, type AccountTokenPurpose } from './account-tokens.js';

// The mail about a person's own account, in their language: the link to confirm their address, the link
// to reset a forgotten password, and the notice that someone tried to make an account with their address.

export type AccountMessageKind = 'confirm_email' | 'reset_password' | 'address_taken';

export interface AccountMessageValues {
  name: string;
  link: string;
  /** How long the link works, as a person says it ("24 hours", "60 munud"). */
  lifetime: string;
  /** The sign-in page, for the notice about an address that already has an account. */
  signInLink: string;
}

const subjects: Record<AccountMessageKind, Record<Language, string>> = {
  confirm_email: { cy: 'Cadarnhewch eich cyfeiriad e-bost ar gyfer Cymuned', en: 'Confirm your email address for Cymuned' },
  reset_password: { cy: 'Ailosod eich cyfrinair Cymuned', en: 'Reset your Cymuned password' },
  address_taken: { cy: 'Mae gennych gyfrif Cymuned eisoes', en: 'You already have a Cymuned account' },
};

function paragraphs(kind: AccountMessageKind, l: Language, v: AccountMessageValues): string[] {
  switch (kind) {
    case 'confirm_email':
      return l === 'cy'
        ? [
            'Diolch am greu cyfrif gyda Cymuned. I gadarnhau mai chi piau’r cyfeiriad e-bost hwn, agorwch y ddolen hon a dewiswch “Cadarnhau a mewngofnodi”:',
            v.link,
            `Mae’r ddolen yn gweithio unwaith, am ${v.lifetime}.`,
            'Os nad chi a greodd y cyfrif, anwybyddwch yr e-bost hwn: ni fydd y cyfrif yn cael ei ddefnyddio heb ei gadarnhau.',
          ]
        : [
            'Thank you for creating a Cymuned account. To confirm this email address is yours, open this link and choose “Confirm and sign in”:',
            v.link,
            `The link works once, for ${v.lifetime}.`,
            'If you did not create the account, ignore this email: the account cannot be used until it is confirmed.',
          ];
    case 'reset_password':
      return l === 'cy'
        ? [
            'Gofynnodd rhywun am ailosod cyfrinair eich cyfrif Cymuned. I ddewis cyfrinair newydd, agorwch y ddolen hon:',
            v.link,
            `Mae’r ddolen yn gweithio unwaith, am ${v.lifetime}. Bydd dewis cyfrinair newydd yn eich allgofnodi ym mhob man arall.`,
            'Os nad chi a ofynnodd, anwybyddwch yr e-bost hwn: nid yw eich cyfrinair wedi newid.',
          ]
        : [
            'Someone asked to reset the password of your Cymuned account. To choose a new password, open this link:',
            v.link,
            `The link works once, for ${v.lifetime}. Choosing a new password signs you out everywhere else.`,
            'If it was not you, ignore this email: your password has not changed.',
          ];
    case 'address_taken':
      return l === 'cy'
        ? [
            'Ceisiodd rhywun greu cyfrif Cymuned gyda’ch cyfeiriad e-bost, ond mae gennych gyfrif eisoes. Ni chrëwyd cyfrif newydd.',
            `Os mai chi oedd yno, mewngofnodwch: ${v.signInLink}`,
            `Os ydych wedi anghofio eich cyfrinair, gallwch ddewis un newydd drwy’r ddolen hon (mae’n gweithio unwaith, am ${v.lifetime}):`,
            v.link,
            'Os nad chi oedd yno, nid oes angen gwneud dim: mae eich cyfrif fel yr oedd.',
          ]
        : [
            'Someone tried to create a Cymuned account with your email address, but you already have one. No new account was created.',
            `If it was you, sign in: ${v.signInLink}`,
            `If you have forgotten your password, you can choose a new one with this link (it works once, for ${v.lifetime}):`,
            v.link,
            'If it was not you, you need do nothing: your account is as it was.',
          ];
  }
}

/** The message itself, in the person's language. Pure, for the tests. */
export function accountMessage(kind: AccountMessageKind, language: Language, values: AccountMessageValues): { subject: string; body: string } {
  const lines = [
    `${messageWords.greeting[language]} ${values.name},`,
    '',
    ...paragraphs(kind, language, values).flatMap((text) => [text, '']),
    messageWords.welsh[language],
  ];
  return { subject: subjects[kind][language], body: `${lines.join('\n')}\n` };
}

/** "24 hours" / "24 awr", "60 minutes" / "60 munud": how long a link works, in the reader's words. */
export function lifetimeWords(minutes: number, language: Language): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return language === 'cy' ? `${hours} awr` : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return language === 'cy' ? `${minutes} munud` : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function languageOf(stored: string): Language {
  return stored === 'cy' ? 'cy' : 'en';
}

/** Queues the message about one link in the change's transaction. */
export async function queueAccountMessage(
  tx: Prisma.TransactionClient,
  {
    person,
    tokenId,
    kind,
    values,
  }: { person: { id: string; email: string; language: string }; tokenId: string; kind: AccountMessageKind; values: AccountMessageValues },
): Promise<void> {
  const language = languageOf(person.language);
  await queueNotice(tx, {
    id: accountNoticeId(person.id, tokenId),
    reference: personStream(person.id),
    personId: person.id,
    email: person.email,
    language,
    ...accountMessage(kind, language, values),
  });
}

/** What each message's link is: its purpose, its page, and how long it works under `auth`. */
const linkOf: Record<
  AccountMessageKind,
  { purpose: AccountTokenPurpose; path: '/confirm-email' | '/reset-password'; minutes: (auth: AuthSettings) => number }
> = {
  confirm_email: { purpose: 'email_confirmation', path: '/confirm-email', minutes: (auth) => auth.accountConfirmationHours * 60 },
  reset_password: { purpose: 'password_reset', path: '/reset-password', minutes: (auth) => auth.passwordResetMinutes },
  // The notice about a taken address carries a reset link: what an owner who forgot their account needs.
  address_taken: { purpose: 'password_reset', path: '/reset-password', minutes: (auth) => auth.passwordResetMinutes },
};

/** Makes the link `kind` is about and queues its message, in the change's transaction; send it after commit. */
export async function mailAccountLink(
  tx: Prisma.TransactionClient,
  {
    person,
    kind,
    nextPath = null,
    now,
    auth,
  }: {
    person: { id: string; email: string; name: string; language: string };
    kind: AccountMessageKind;
    nextPath?: string | null;
    now: Date;
    auth: AuthSettings;
  },
): Promise<{ personId: string; tokenId: string }> {
  const { purpose, path, minutes } = linkOf[kind];
  const lifetimeMinutes = minutes(auth);
  const { id: tokenId, token } = await issueAccountToken(tx, { personId: person.id, purpose, nextPath, now, lifetimeMinutes });
  await queueAccountMessage(tx, {
    person,
    tokenId,
    kind,
    values: {
      name: person.name,
      link: accountLink(auth.publicUrl, path, token),
      lifetime: lifetimeWords(lifetimeMinutes, languageOf(person.language)),
      signInLink: `${auth.publicUrl}/sign-in`,
    },
  });
  return { personId: person.id, tokenId };
}

/** What sending needs: the workflow that delivers mail belonging to no case. */
export interface AccountMailer {
  temporal: Client;
  taskQueue: string;
  logger?: Pick<Logger, 'error'> | undefined;
}

/** Starts sending the message about one link, after the transaction that queued it has committed. */
export function sendAccountMessage(mail: AccountMailer, { personId, tokenId }: { personId: string; tokenId: string }): Promise<NoticeDelivery> {
  return deliverNotices(mail, {
    workflowId: accountNoticeWorkflowId(personId, tokenId),
    reference: personStream(personId),
    idPrefix: accountNoticeId(personId, tokenId),
  });
}
