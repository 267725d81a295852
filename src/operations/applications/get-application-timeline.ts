import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findApplicationFor } from './find-application.js';

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
 * What has happened on an application, oldest first, in the reader's language, from its case events. The
 * summaries are written for the group (src/domain/cfp/events.ts): roles, never staff names or internal
 * content, so applicants and staff read the same timeline.
 */
export async function getApplicationTimeline({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<TimelineEntry[]> {
  await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  const language = actor?.language ?? 'en';
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
