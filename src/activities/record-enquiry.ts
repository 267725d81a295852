import { log } from '@temporalio/activity';
import { appendAuditRecord } from '../audit/append-audit-record.js';
import type { PrismaClient } from '../db/prisma.js';
import { currentRequestId } from '../primitives/request-context.js';
import type { EnquiryReceived } from '../workflows/enquiry.messages.js';

/**
 * Writes the enquiry to the read model and its audit record, in one transaction. Idempotent: a retry
 * (after a crash between commit and completion) inserts nothing and so records nothing.
 */
export function recordEnquiry(prisma: PrismaClient) {
  return async (enquiry: EnquiryReceived): Promise<void> => {
    const requestId = currentRequestId();
    const recorded = await prisma.$transaction(async (tx) => {
      const { count } = await tx.enquiry.createMany({
        data: [
          {
            reference: enquiry.reference,
            organisationId: enquiry.organisationId,
            submittedById: enquiry.submittedBy.personId,
            organisationName: enquiry.organisationName,
            contactEmail: enquiry.contactEmail,
            message: enquiry.message,
            language: enquiry.language,
            status: 'received',
            requestId: requestId ?? null,
            receivedAt: new Date(enquiry.receivedAt),
          },
        ],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      await appendAuditRecord(tx, {
        stream: enquiry.reference,
        occurredAt: new Date(enquiry.receivedAt),
        actor: { personId: enquiry.submittedBy.personId, role: enquiry.submittedBy.role, organisationId: enquiry.organisationId },
        requestId,
        command: 'enquiry.submit',
        summary: { cy: 'Anfonodd eich grŵp ymholiad', en: 'Your group sent an enquiry' },
        changes: { status: 'received', organisationName: enquiry.organisationName, language: enquiry.language },
      });
      return true;
    });
    log.info(recorded ? 'Enquiry recorded in the read model' : 'Enquiry was already recorded', { reference: enquiry.reference });
  };
}
