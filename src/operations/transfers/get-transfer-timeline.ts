import type { Actor } from '../../access/actor.js';
import { audienceOf } from '../../access/audience.js';
import { readerAllowed, transferScope } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { transferEventAudiences } from '../../domain/cat/staff-wording.js';
import { caseTimeline, type TimelineEntry } from '../case-timeline.js';
import { findTransferFor } from './find-transfer.js';

/**
 * What has happened on a transfer, oldest first, in the reader's language. The group reads the summaries
 * written for it (src/domain/cat/events.ts: bodies and roles, never officers or objectors) and never sees
 * staff notes; the body's officers and programme staff read every event in their own words.
 */
export async function getTransferTimeline({
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
  const { transfer } = await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
  const reader = readerAllowed(actor, 'transfer.read', transferScope(transfer));
  return caseTimeline(prisma, { reference, language, audience: audienceOf(reader), wording: transferEventAudiences });
}
