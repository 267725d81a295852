import type { PrismaClient } from '../../db/prisma.js';
import type { AuthSettings } from '../../auth/settings.js';
import { mailAccountLink, sendAccountMessage, type AccountMailer } from './account-mail.js';

/**
 * Mails a link that lets the owner of `email` choose a new password. Answers nothing, whatever the
 * address: an address with no account is sent nothing, and the caller cannot tell.
 */
export async function requestPasswordReset({
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
    const person = await tx.person.findUnique({ where: { email }, select: { id: true, email: true, name: true, language: true } });
    if (!person) return undefined;
    return mailAccountLink(tx, { person, kind: 'reset_password', now, auth });
  });
  if (sent) await sendAccountMessage(mail, sent);
}
