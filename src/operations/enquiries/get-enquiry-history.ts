import type { Actor } from '../../access/actor.js';
import { caseHistory, type CaseHistoryEntry } from '../../audit/case-history.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findEnquiryFor } from './find-enquiry.js';

/** What has happened on an enquiry, in plain words, in the reader's own language. */
export async function getEnquiryHistory({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<CaseHistoryEntry[]> {
  await findEnquiryFor({ prisma, actor, reference, action: 'case_history.read' });
  // The policy lets nobody read a case anonymously, so there is an actor here.
  return caseHistory(prisma, reference, actor?.language ?? 'en');
}
