import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { TimelineEntry } from '../applications/get-application-timeline.js';
import { findTransferFor } from './find-transfer.js';

/**
 * What has happened on a transfer, oldest first, in the reader's language, from its case events. The
 * summaries name bodies and roles, never officers or what a staff note says (src/domain/cat/events.ts),
 * so the group and the body read the same timeline.
 */
export async function getTransferTimeline({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<TimelineEntry[]> {
  await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
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
