import { log } from '@temporalio/activity';
import type { PrismaClient } from '../db/prisma.js';
import { currentRequestId } from '../temporal/request-context.js';
import type { EnquiryReceived } from '../workflows/enquiry.messages.js';

/** Writes the enquiry to the read model. Idempotent: a retry finds the row and changes nothing. */
export function recordEnquiry(prisma: PrismaClient) {
  return async (enquiry: EnquiryReceived): Promise<void> => {
    await prisma.enquiry.upsert({
      where: { reference: enquiry.reference },
      create: {
        reference: enquiry.reference,
        organisationName: enquiry.organisationName,
        contactEmail: enquiry.contactEmail,
        message: enquiry.message,
        language: enquiry.language,
        status: 'received',
        requestId: currentRequestId() ?? null,
        receivedAt: new Date(enquiry.receivedAt),
      },
      update: {},
    });
    log.info('Enquiry recorded in the read model', { reference: enquiry.reference });
  };
}
