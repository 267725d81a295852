import { heartbeat, log } from '@temporalio/activity';
import type { PrismaClient } from '../db/prisma.js';
import { MailRefused, type Mailer } from '../notifications/mailer.js';
import type { NotificationIdPrefix } from '../notifications/notification-id-prefix.js';

export interface CaseEventKey {
  reference: string;
  sequence: number;
}

/**
 * Sends every unsent notification of one case event (or, for events that are not case events, of the ids
 * that start with a prefix), in id order, marking each sent right after its send; returns how many it sent
 * (0 when a retry finds them all sent). A send that fails for a passing reason fails the activity, so
 * Temporal retries it (until it succeeds) and the retry starts from the first message still unsent. A
 * message the mailer refuses for good (MailRefused) is marked failed with the reason, for staff to see in
 * GET /api/admin/failures, and the others are still sent.
 *
 * At least once, not exactly once: a crash between a send and its mark re-sends that one message on the
 * retry. The file mailbox overwrites the same file, so nothing is duplicated there; a real sender should
 * pass the notification id on as its idempotency key where the service accepts one.
 */
export function deliverNotifications(prisma: PrismaClient, mailer: Mailer) {
  return async (key: CaseEventKey | NotificationIdPrefix): Promise<number> => {
    const { reference } = key;
    const unsent = await prisma.notification.findMany({
      where:
        'idPrefix' in key
          ? { reference, id: { startsWith: key.idPrefix }, sentAt: null, failedAt: null }
          : { reference, sequence: key.sequence, sentAt: null, failedAt: null },
      orderBy: { id: 'asc' },
    });
    let sent = 0;
    for (const notification of unsent) {
      try {
        await mailer.send({
          id: notification.id,
          to: notification.email,
          subject: notification.subject,
          body: notification.body,
          language: notification.language,
        });
      } catch (error) {
        if (!(error instanceof MailRefused)) throw error;
        await prisma.notification.updateMany({
          where: { id: notification.id, sentAt: null },
          data: { failedAt: new Date(), failure: error.message.slice(0, 2000) },
        });
        log.error('A notification was refused for good and will not be sent', { id: notification.id, reason: error.message });
        continue;
      }
      sent += 1;
      const { count } = await prisma.notification.updateMany({
        where: { id: notification.id, sentAt: null },
        data: { sentAt: new Date() },
      });
      if (count === 0) log.warn('Notification was marked sent by another attempt meanwhile; it went twice', { id: notification.id });
      // Lets a workflow that sets a heartbeat timeout notice a stuck sender before the activity times out.
      heartbeat();
    }
    log.info(sent ? 'Notifications sent' : 'No notifications left to send', { ...key, sent });
    return sent;
  };
}
