import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { NoticeDeliveryStart } from './notice-delivery.messages.js';

// Retried until sent: a link that never arrives leaves a person unable to sign in or join their group. A
// message the mail service refuses for good (MailRefused) is marked failed in the outbox, listed for
// staff, and not retried.
const { deliverNotifications } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Sends mail that an operation queued in the outbox in its own transaction and that belongs to no case.
 * A workflow, as remittances are: the API holds no mailer, and a failed send is retried long after the
 * request was answered.
 */
export async function noticeDeliveryWorkflow(delivery: NoticeDeliveryStart): Promise<number> {
  return deliverNotifications(delivery);
}
