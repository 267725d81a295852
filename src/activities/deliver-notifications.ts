import { heartbeat, log } from '@temporalio/activity';
import type { PrismaClient } from '../db/prisma.js';
import type { Mailer } from '../notifications/mailer.js';

export interface CaseEventKey {
  reference: string;
  sequence: number;
}

/** The notifications of an event that is not a case event (a monitoring return's), by the start of their ids. */
export interface NotificationIdPrefix {
  reference: string;
  idPrefix: string;
}

/**
 * Sends every unsent notification of one case event (or, for events that are not case events, of the ids
 * that start with a prefix), in id order, marking each sent right after its send; returns how many it sent
 * (0 when a retry finds them all sent). A failed send fails the activity, so Temporal retries it and the
 * retry starts from the first message still unsent.
 *
 * At least once, not exactly once: a crash between a send and its mark re-sends that one message on the
 * retry. The file mailbox overwrites the same file, so nothing is duplicated there; a real sender should
 * pass the notification id on as its idempotency key where the service accepts one.
 */
export function deliverNotifications(prisma: PrismaClient, mailer: Mailer) {
  return async (key: CaseEventKey | NotificationIdPrefix): Promise<number> => {
    const { reference } = key;
    const unsent = await prisma.notification.findMany({
      where: 'idPrefix' in key ? { reference, id: { startsWith: key.idPrefix }, sentAt: null } : { reference, sequence: key.sequence, sentAt: null },
      orderBy: { id: 'asc' },
    });
    let sent = 0;
    for (const notification of unsent) {
      await mailer.send({
        id: notification.id,
        to: notification.email,
        subject: notification.subject,
        body: notification.body,
        language: notification.language,
      });
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
