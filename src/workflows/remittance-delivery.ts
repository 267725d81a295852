import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { RemittanceDeliveryResult, RemittanceDeliveryStart } from './remittance-delivery.messages.js';

// Mail is retried until sent; a message refused for good (a bad address) is marked failed in the outbox,
// for staff to see, and the case goes on.
const { deliverNotifications } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Sends the remittance notices of a payment run, which the run queued in the outbox in its own transaction.
 * A workflow rather than the API sending them: the API may run without a mailer (the worker has it), and
 * a failed send is retried here long after the request has been answered. One payment's notices that cannot
 * be sent do not hold up the others'.
 */
export async function remittanceDeliveryWorkflow({ paymentRunId, deliveries }: RemittanceDeliveryStart): Promise<RemittanceDeliveryResult> {
  let sent = 0;
  const undelivered: string[] = [];
  const deliver = async (delivery: RemittanceDeliveryStart['deliveries'][number]) => {
    try {
      sent += await deliverNotifications(delivery);
    } catch (error) {
      log.warn('Remittance notices left unsent in the outbox', {
        paymentRunId,
        idPrefix: delivery.idPrefix,
        error: error instanceof Error ? error.message : String(error),
      });
      undelivered.push(delivery.idPrefix);
    }
  };
  // Sends retry until they succeed, so one payment's notices waiting on the mail service must not hold up
  // the next payment's: they go side by side. Runs begun before sent them one after another.
  if (patched('remittances-sent-side-by-side')) await Promise.all(deliveries.map(deliver));
  else for (const delivery of deliveries) await deliver(delivery);
  return { sent, undelivered };
}
