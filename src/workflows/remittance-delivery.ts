import { log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { RemittanceDeliveryResult, RemittanceDeliveryStart } from './remittance-delivery.messages.js';

// Sending mail may fail for good; after a few tries the message stays unsent in the outbox.
const { deliverNotifications } = proxyActivities<ReturnType<typeof createActivities>>({ startToCloseTimeout: '1 minute', heartbeatTimeout: '10 seconds', retry: { maximumAttempts: 5, maximumInterval: '1 minute' } });

/**
 * Sends the remittance notices of a payment run, which the run queued in the outbox in its own transaction.
 * A workflow rather than the API sending them: the API may run without a mailer (the worker has it), and
 * a failed send is retried here long after the request has been answered. One payment's notices that cannot
 * be sent do not hold up the others'.
 */
export async function remittanceDeliveryWorkflow({ paymentRunId, deliveries }: RemittanceDeliveryStart): Promise<RemittanceDeliveryResult> {
  let sent = 0;
  const undelivered: string[] = [];
  for (const delivery of deliveries) {
    try {
      sent += await deliverNotifications(delivery);
    } catch (error) {
      log.warn('Remittance notices left unsent in the outbox', { paymentRunId, idPrefix: delivery.idPrefix, error: error instanceof Error ? error.message : String(error) });
      undelivered.push(delivery.idPrefix);
    }
  }
  return { sent, undelivered };
}
