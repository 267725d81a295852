import { log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { EnquiryReceived } from './enquiry.messages.js';

const { recordEnquiry } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
});

/**
 * The first slice through the stack: a community group's enquiry is accepted by the API, carried by this
 * workflow and written to the read model by an activity. The Community Facilities Programme application
 * workflow replaces it.
 */
export async function enquiryWorkflow(enquiry: EnquiryReceived): Promise<void> {
  log.info('Enquiry received', { reference: enquiry.reference });
  await recordEnquiry(enquiry);
}
