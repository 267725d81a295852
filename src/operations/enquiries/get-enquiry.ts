import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';
import type { PrismaClient } from '../../db/prisma.js';

export interface EnquiryView {
  reference: string;
  organisationId: string | null;
  organisationName: string;
  message: string;
  language: string;
  status: string;
  receivedAt: string;
}

/** Reads an enquiry from the read model (never from the workflow), if the actor may see it. */
export async function getEnquiry({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<EnquiryView> {
  // Anything that is not an enquiry reference names no enquiry (and never reaches the database).
  const row = caseReference('ENQ').safeParse(reference).success ? await prisma.enquiry.findUnique({ where: { reference } }) : null;
  // A missing enquiry and another group's enquiry look the same to an applicant.
  if (row) enforce(actor, 'enquiry.read', { organisationId: row.organisationId });
  if (!row) {
    throw new AppError('not_found', {
      cy: `Nid oes ymholiad â'r cyfeirnod ${reference}`,
      en: `There is no enquiry with reference ${reference}`,
    });
  }
  return {
    reference: row.reference,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    message: row.message,
    language: row.language,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
  };
}
