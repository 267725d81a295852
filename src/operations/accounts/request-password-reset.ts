import type { PrismaClient } from '../../db/prisma.js';
import type { AuthSettings } from '../../auth/settings.js';
import { languageOf, lifetimeWords, queueAccountMessage, sendAccountMessage, type AccountMailer } from './account-mail.js';
import { accountLink, issueAccountToken } from './account-tokens.js';

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
    const lifetimeMinutes = auth.passwordResetMinutes;
    const { id: tokenId, token } = await issueAccountToken(tx, { personId: person.id, purpose: 'password_reset', now, lifetimeMinutes });
    await queueAccountMessage(tx, {
      person,
      tokenId,
      kind: 'reset_password',
      values: {
        name: person.name,
        link: accountLink(auth.publicUrl, '/reset-password', token),
        lifetime: lifetimeWords(lifetimeMinutes, languageOf(person.language)),
        signInLink: `${auth.publicUrl}/sign-in`,
      },
    });
    return { personId: person.id, tokenId };
  });
  if (sent) await sendAccountMessage(mail, sent);
}
