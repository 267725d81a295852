import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findEnquiryFor } from './find-enquiry.js';

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
  const row = await findEnquiryFor({ prisma, actor, reference, action: 'enquiry.read' });
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
