import type { PrismaClient } from '../db/prisma.js';
import type { Language } from '../domain/bilingual.js';
import { eventSummaryFor, isShownTo, type Audience, type CaseEventWording } from '../domain/case-audience.js';

/** One event of a case, as its timeline shows it. */
export interface TimelineEntry {
  sequence: number;
  at: string;
  /** The event's kind, e.g. 'eoi.submitted': for a UI to choose an icon, never shown as words. */
  type: string;
  /** What happened in plain words, in the reader's language. */
  summary: string;
}

export interface CaseTimelineOptions<T extends string> {
  reference: string;
  language: Language;
  /** Whom it is for: the group is not shown staff-only events, and staff read their own words. */
  audience: Audience;
  wording: CaseEventWording<T>;
}

/**
 * What has happened on a case (an application or a transfer), oldest first, as `audience` is shown it, in
 * `language`, from its case events. Whether the reader may see the case is the caller's check, made before this.
 */
export async function caseTimeline<T extends string>(
  prisma: PrismaClient,
  { reference, language, audience, wording }: CaseTimelineOptions<T>,
): Promise<TimelineEntry[]> {
  const events = await prisma.caseEvent.findMany({
    where: { reference, ...(audience === 'group' ? { type: { notIn: [...wording.staffOnly] } } : {}) },
    orderBy: { sequence: 'asc' },
    select: { sequence: true, occurredAt: true, type: true, summaryCy: true, summaryEn: true },
  });
  return events
    .filter((event) => isShownTo(event.type, audience, wording))
    .map((event) => ({
      sequence: event.sequence,
      at: event.occurredAt.toISOString(),
      type: event.type,
      summary: eventSummaryFor({ type: event.type, summary: { cy: event.summaryCy, en: event.summaryEn } }, audience, wording)[language],
    }));
}
