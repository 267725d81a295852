import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditAccountEvent } from '../../auth/account-audit.js';
import { loadActor } from '../../auth/load-actor.js';
import { endSession, startSession, type StartedSession } from '../../auth/sessions.js';
import { sessionLifetime, type AuthSettings } from '../../auth/settings.js';
import { consumeAccountToken } from './account-tokens.js';

/** Where a confirmed person goes when their link named nowhere. */
export const afterConfirmation = '/dashboard';

/**
 * Confirms the email address a link was mailed to, uses the link up and signs the person in: the one
 * operation behind POST /api/accounts/email-confirmation and the confirmation page's button. Throws
 * AccountLinkRefused for a link that is used, expired or unknown.
 */
export async function confirmEmail({
  prisma,
  token,
  now,
  auth,
  previousSessionToken,
}: {
  prisma: PrismaClient;
  token: string;
  now: Date;
  auth: AuthSettings;
  /** The session this browser had, which signing in ends: one session per cookie. */
  previousSessionToken?: string | undefined;
}): Promise<{ session: StartedSession; actor: Actor; next: string }> {
  const used = await prisma.$transaction(async (tx) => {
    const link = await consumeAccountToken(tx, { token, purpose: 'email_confirmation', now });
    // Only the first confirmation is a change; a second link for a confirmed address just signs in.
    const { count } = await tx.person.updateMany({ where: { id: link.personId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
    if (count === 1) {
      await auditAccountEvent(tx, {
        personId: link.personId,
        at: now,
        command: 'account.confirm_email',
        summary: { cy: 'Cadarnhaodd ei gyfeiriad e-bost', en: 'Confirmed their email address' },
        changes: { emailConfirmedAt: now.toISOString(), tokenId: link.id },
      });
    }
    return link;
  });
  if (previousSessionToken) await endSession({ prisma, token: previousSessionToken });
  const session = await startSession({ prisma, personId: used.personId, now, lifetime: sessionLifetime(auth) });
  const actor = await loadActor(prisma, used.personId, now);
  if (!actor) throw new Error(`Person ${used.personId} vanished while confirming their email address`);
  return { session, actor, next: used.nextPath ?? afterConfirmation };
}
