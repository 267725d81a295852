import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { BankDetailsNoticeStart } from '../finance/bank-accounts/bank-details-notices.js';

// Sending mail may fail for good; after a few tries the messages stay unsent in the outbox.
const { deliverNotifications } = proxyActivities<ReturnType<typeof createActivities>>({ startToCloseTimeout: '1 minute', heartbeatTimeout: '10 seconds', retry: { maximumAttempts: 5, maximumInterval: '1 minute' } });

/**
 * Sends the notices of a change of a group's bank details (to its leads and members and to the finance
 * team), which the change queued in the outbox in its own transaction. A workflow, as remittances are: the
 * API holds no mailer, and a failed send is retried long after the request was answered.
 */
export async function bankDetailsNoticeWorkflow(delivery: BankDetailsNoticeStart): Promise<number> {
  return deliverNotifications(delivery);
}
