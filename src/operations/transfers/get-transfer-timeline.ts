import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { caseTimeline, type TimelineEntry } from '../case-timeline.js';
import { findTransferFor } from './find-transfer.js';

/**
 * What has happened on a transfer, oldest first, in the reader's language. The summaries name bodies and
 * roles, never officers or what a staff note says (src/domain/cat/events.ts), so the group and the body
 * read the same timeline.
 */
export async function getTransferTimeline({ prisma, actor, reference, language }: { prisma: PrismaClient; actor: Actor | undefined; reference: string; language: Language }): Promise<TimelineEntry[]> {
  await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
  return caseTimeline(prisma, reference, language);
}
