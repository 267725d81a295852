import type { Actor } from '../../access/actor.js';
import { audienceOf } from '../../access/audience.js';
import { applicationScope, readerAllowed } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { cfpEventAudiences } from '../../domain/cfp/staff-wording.js';
import { caseTimeline, type TimelineEntry } from '../case-timeline.js';
import { findApplicationFor } from './find-application.js';

/**
 * What has happened on an application, oldest first, in the reader's language. The group reads the
 * summaries written for it (src/domain/cfp/events.ts: roles, never staff names or internal content) and
 * never sees staff notes; staff read every event in their own words (src/domain/cfp/staff-wording.ts).
 */
export async function getApplicationTimeline({
  prisma,
  actor,
  reference,
  language,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  language: Language;
}): Promise<TimelineEntry[]> {
  const { application } = await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  const reader = readerAllowed(actor, 'application.read', applicationScope(application));
  return caseTimeline(prisma, { reference, language, audience: audienceOf(reader), wording: cfpEventAudiences });
}
