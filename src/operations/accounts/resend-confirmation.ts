import type { PrismaClient } from '../../db/prisma.js';
import type { AuthSettings } from '../../auth/settings.js';
import { mailAccountLink, sendAccountMessage, type AccountMailer } from './account-mail.js';

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
    return mailAccountLink(tx, { person, kind: 'confirm_email', nextPath: last?.nextPath ?? null, now, auth });
  });
  if (sent) await sendAccountMessage(mail, sent);
}
