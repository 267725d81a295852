import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { caseTimeline, type TimelineEntry } from '../case-timeline.js';
import { findApplicationFor } from './find-application.js';

/**
 * What has happened on an application, oldest first, in the reader's language. The summaries are written
 * for the group (src/domain/cfp/events.ts): roles, never staff names or internal content, so applicants
 * and staff read the same timeline.
 */
export async function getApplicationTimeline({ prisma, actor, reference, language }: { prisma: PrismaClient; actor: Actor | undefined; reference: string; language: Language }): Promise<TimelineEntry[]> {
  await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  return caseTimeline(prisma, reference, language);
}
