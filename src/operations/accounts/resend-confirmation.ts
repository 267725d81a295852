import type { PrismaClient } from '../../db/prisma.js';
import type { AuthSettings } from '../../auth/settings.js';
import { languageOf, lifetimeWords, queueAccountMessage, sendAccountMessage, type AccountMailer } from './account-mail.js';
import { accountLink, issueAccountToken } from './account-tokens.js';

/**
 * Mails a new confirmation link to an address whose account is not confirmed yet, going where the last one
 * went. Answers nothing, whatever the address: an address with no account, or a confirmed one, is sent
 * nothing, and the caller cannot tell which.
 */
export async function resendConfirmation({
  prisma,
  email,
  now,
  auth,
  mail,
}: {
  prisma: PrismaClient;
  email: string;
  now: Date;
  auth: AuthSettings;
  mail: AccountMailer;
}): Promise<void> {
  const sent = await prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { email }, select: { id: true, email: true, name: true, language: true, emailConfirmedAt: true } });
    if (!person || person.emailConfirmedAt) return undefined;
    const last = await tx.accountToken.findFirst({
      where: { personId: person.id, purpose: 'email_confirmation' },
      orderBy: { createdAt: 'desc' },
      select: { nextPath: true },
    });
    const lifetimeMinutes = auth.accountConfirmationHours * 60;
    const { id: tokenId, token } = await issueAccountToken(tx, {
      personId: person.id,
      purpose: 'email_confirmation',
      nextPath: last?.nextPath ?? null,
      now,
      lifetimeMinutes,
    });
    await queueAccountMessage(tx, {
      person,
      tokenId,
      kind: 'confirm_email',
      values: {
        name: person.name,
        link: accountLink(auth.publicUrl, '/confirm-email', token),
        lifetime: lifetimeWords(lifetimeMinutes, languageOf(person.language)),
        signInLink: `${auth.publicUrl}/sign-in`,
      },
    });
    return { personId: person.id, tokenId };
  });
  if (sent) await sendAccountMessage(mail, sent);
}
