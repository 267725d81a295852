import { AppError } from '../../domain/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';

export interface EnquiryView {
  reference: string;
  organisationName: string;
  message: string;
  language: string;
  status: string;
  receivedAt: string;
}

/** Reads an enquiry from the read model (never from the workflow). */
export async function getEnquiry({ prisma, reference }: { prisma: PrismaClient; reference: string }): Promise<EnquiryView> {
  const row = await prisma.enquiry.findUnique({ where: { reference } });
  if (!row) {
    throw new AppError('not_found', {
      cy: `Nid oes ymholiad â'r cyfeirnod ${reference}`,
      en: `There is no enquiry with reference ${reference}`,
    });
  }
  return {
    reference: row.reference,
    organisationName: row.organisationName,
    message: row.message,
    language: row.language,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
  };
}
