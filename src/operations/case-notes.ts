import type { PrismaClient } from '../db/prisma.js';
import type { TransferEventType } from '../domain/cat/events.js';
import type { CfpEventType } from '../domain/cfp/events.js';
import type { RoleName } from '../domain/roles.js';

// Staff notes on a case (an application or a transfer). A note is a case event like any other, so the
// workflow's history and the audit trail hold it; only staff are shown it, here, and never the group.

/** The event a note is, in both kinds of case. */
const noteAdded: CfpEventType & TransferEventType = 'note.added';

export interface CaseNote {
  sequence: number;
  text: string;
  /** Who wrote it, in which role; the person is null if they have since been removed. */
  by: { personId: string | null; name: string | null; role: RoleName | null };
  at: string;
}

/** The case's staff notes, oldest first. Whether the reader is staff is the caller's check, made before this. */
export async function caseNotes(prisma: PrismaClient, reference: string): Promise<CaseNote[]> {
  const events = await prisma.caseEvent.findMany({
    where: { reference, type: noteAdded },
    orderBy: { sequence: 'asc' },
    select: { sequence: true, payload: true, actorId: true, actorRole: true, occurredAt: true },
  });
  const authorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => id !== null))];
  const authors = authorIds.length === 0 ? [] : await prisma.person.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });
  const nameOf = new Map(authors.map((person) => [person.id, person.name]));
  return events.map((event) => ({
    sequence: event.sequence,
    text: String((event.payload as { text?: unknown } | null)?.text ?? ''),
    by: { personId: event.actorId, name: event.actorId === null ? null : (nameOf.get(event.actorId) ?? null), role: event.actorRole as RoleName | null },
    at: event.occurredAt.toISOString(),
  }));
}
