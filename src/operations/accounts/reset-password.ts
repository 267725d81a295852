import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditAccountEvent } from '../../auth/account-audit.js';
import { loadActor } from '../../auth/load-actor.js';
import { hashPassword } from '../../auth/passwords.js';
import { endSession, startSession, type StartedSession } from '../../auth/sessions.js';
import { sessionLifetime, type AuthSettings } from '../../auth/settings.js';
import { AccountLinkRefused, consumeAccountToken, inspectAccountToken } from './account-tokens.js';
import { assertNewPassword } from './create-account.js';

export const resetPasswordInput = z
  .strictObject({
    token: z.string().min(1).max(200).meta({ description: 'The secret from the link mailed (the last part of /reset-password/…)' }),
    password: z.string().min(1).max(1024).meta({ description: 'The new password: at least 12 characters, not the email address' }),
  })
  .meta({ id: 'PasswordResetCompletion' });

export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

/**
 * Sets a new password from a reset link: uses the link (and every other reset link of the person) up,
 * ends all the person's sessions (whoever knew the old password is signed out), confirms the email address
 * (following the link proved they read mail sent to it), and signs them in here.
 */
export async function resetPassword({
  prisma,
  input,
  now,
  auth,
  previousSessionToken,
}: {
  prisma: PrismaClient;
  input: ResetPasswordInput;
  now: Date;
  auth: AuthSettings;
  previousSessionToken?: string | undefined;
}): Promise<{ session: StartedSession; actor: Actor }> {
  // Checked before anything is used up, so a refused password leaves the link working for a second try.
  const link = await inspectAccountToken(prisma, { token: input.token, purpose: 'password_reset', now });
  if (link.state !== 'usable' || !link.email) throw new AccountLinkRefused(link.state === 'usable' ? 'unknown' : link.state);
  assertNewPassword(input.password, link.email);
  const passwordHash = await hashPassword(input.password);
  const personId = await prisma.$transaction(async (tx) => {
    const used = await consumeAccountToken(tx, { token: input.token, purpose: 'password_reset', now });
    await tx.accountToken.updateMany({ where: { personId: used.personId, purpose: 'password_reset', usedAt: null }, data: { usedAt: now } });
    const before = await tx.person.findUniqueOrThrow({ where: { id: used.personId }, select: { emailConfirmedAt: true } });
    await tx.person.update({ where: { id: used.personId }, data: { passwordHash, emailConfirmedAt: before.emailConfirmedAt ?? now } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { personId: used.personId } });
    await auditAccountEvent(tx, {
      personId: used.personId,
      at: now,
      command: 'account.reset_password',
      summary: { cy: 'Ailosododd ei gyfrinair drwy ddolen a anfonwyd ato', en: 'Reset their password through a link mailed to them' },
      changes: { tokenId: used.id, sessionsEnded, emailConfirmed: before.emailConfirmedAt ? 'already' : now.toISOString() },
    });
    return used.personId;
  });
  if (previousSessionToken) await endSession({ prisma, token: previousSessionToken });
  const session = await startSession({ prisma, personId, now, lifetime: sessionLifetime(auth) });
  const actor = await loadActor(prisma, personId, now);
  if (!actor) throw new Error(`Person ${personId} vanished while resetting their password`);
  return { session, actor };
}
