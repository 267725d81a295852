import type { PrismaClient } from '../db/prisma.js';
import type { Language } from '../domain/bilingual.js';

/** One event of a case, as its timeline shows it. */
export interface TimelineEntry {
  sequence: number;
  at: string;
  /** The event's kind, e.g. 'eoi.submitted': for a UI to choose an icon, never shown as words. */
  type: string;
  /** What happened in plain words, in the reader's language. */
  summary: string;
}

/**
 * What has happened on a case (an application or a transfer), oldest first, in `language`, from its case
 * events. Whether the reader may see the case is the caller's check, made before this.
 */
export async function caseTimeline(prisma: PrismaClient, reference: string, language: Language): Promise<TimelineEntry[]> {
  const events = await prisma.caseEvent.findMany({
    where: { reference },
    orderBy: { sequence: 'asc' },
    select: { sequence: true, occurredAt: true, type: true, summaryCy: true, summaryEn: true },
  });
  return events.map((event) => ({
    sequence: event.sequence,
    at: event.occurredAt.toISOString(),
    type: event.type,
    summary: language === 'cy' ? event.summaryCy : event.summaryEn,
  }));
}
