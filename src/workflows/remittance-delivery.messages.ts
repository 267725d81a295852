// What the API needs to start a payment run's remittance delivery, importable without workflow code.

export const REMITTANCE_DELIVERY_WORKFLOW = 'remittanceDeliveryWorkflow';

/** One delivery per payment run, named after it. */
export const remittanceDeliveryWorkflowId = (paymentRunId: string) => `${paymentRunId}/remittances`;

/**
 * The start of the ids of one payment's remittance notices (`<award reference>:remittance:<instruction id>:`,
 * then the person's id). The colon at the end keeps claim C1's notices apart from C10's.
 */
export const remittanceNotificationPrefix = (awardReference: string, paymentInstructionId: string) => `${awardReference}:remittance:${paymentInstructionId}:`;

export interface RemittanceDeliveryStart {
  paymentRunId: string;
  /** The notices of each payment in the run, by notification reference (the award) and id prefix. */
  deliveries: { reference: string; idPrefix: string }[];
}

export interface RemittanceDeliveryResult {
  sent: number;
  /** The id prefixes whose notices could not all be sent; they stay unsent in the outbox. */
  undelivered: string[];
}
