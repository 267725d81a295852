import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { BankDetailsNoticeStart } from './bank-details-notices.messages.js';

// Retried until sent, as every case's mail is: a notice of changed bank details is the group's defence
// against mandate fraud, so it must not be given up after a few tries. A message the mail service refuses
// for good (MailRefused) is marked failed in the outbox and listed for staff, and does not retry.
const { deliverNotifications } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Sends the notices of a change of a group's bank details (to its leads and members and to the finance
 * team), which the change queued in the outbox in its own transaction. A workflow, as remittances are: the
 * API holds no mailer, and a failed send is retried long after the request was answered.
 */
export async function bankDetailsNoticeWorkflow(delivery: BankDetailsNoticeStart): Promise<number> {
  return deliverNotifications(delivery);
}
