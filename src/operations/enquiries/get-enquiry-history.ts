import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { caseHistory, type CaseHistoryEntry } from '../../audit/case-history.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

/** What has happened on an enquiry, in plain words, in the reader's own language. */
export async function getEnquiryHistory({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<CaseHistoryEntry[]> {
  // Anything that is not an enquiry reference names no enquiry (and never reaches the database).
  const row = caseReference('ENQ').safeParse(reference).success ? await prisma.enquiry.findUnique({ where: { reference }, select: { organisationId: true } }) : null;
  if (row) enforce(actor, 'case_history.read', { organisationId: row.organisationId });
  if (!row || !actor) {
    throw new AppError('not_found', {
      cy: `Nid oes ymholiad â'r cyfeirnod ${reference}`,
      en: `There is no enquiry with reference ${reference}`,
    });
  }
  return caseHistory(prisma, reference, actor.language);
}
