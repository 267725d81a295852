import type { Actor } from '../../access/actor.js';
import { caseHistory, type CaseHistoryEntry } from '../../audit/case-history.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { findEnquiryFor } from './find-enquiry.js';

/** What has happened on an enquiry, in plain words, in the reader's own language. */
export async function getEnquiryHistory({
  prisma,
  actor,
  reference,
  language,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  language: Language;
}): Promise<CaseHistoryEntry[]> {
  await findEnquiryFor({ prisma, actor, reference, action: 'case_history.read' });
  return caseHistory(prisma, reference, language);
}
