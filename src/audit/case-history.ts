import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import type { Language } from '../domain/bilingual.js';
import { isCaseReference } from '../domain/case-reference.js';

/** One step in a case's history, as its applicant reads it. */
export interface CaseHistoryEntry {
  at: string;
  summary: string;
}

/**
 * What has happened on a case, oldest first, in the applicant's language: only when and the plain-words
 * summary, never command codes, role names or who the staff were. Whether the caller may see this case
 * is the access policy's business, not this function's.
 */
export async function caseHistory(prisma: PrismaClient, stream: string, language: Language): Promise<CaseHistoryEntry[]> {
  // The 'system' and organisation streams are not any applicant's case.
  if (!isCaseReference(stream)) {
    throw new AppError('invalid_input', {
      cy: `Nid yw ${stream} yn gyfeirnod achos`,
      en: `${stream} is not a case reference`,
    });
  }
  const rows = await prisma.auditRecord.findMany({
    where: { stream },
    orderBy: { sequence: 'asc' },
    select: { occurredAt: true, summaryCy: true, summaryEn: true },
  });
  return rows.map((row) => ({
    at: row.occurredAt.toISOString(),
    summary: language === 'cy' ? row.summaryCy : row.summaryEn,
  }));
}
