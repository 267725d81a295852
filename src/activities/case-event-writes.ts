import { log } from '@temporalio/activity';
import { appendAuditRecord } from '../audit/append-audit-record.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Bilingual, Language } from '../domain/bilingual.js';
import type { PrismaClient } from '../db/prisma.js';
import type { RoleName } from '../domain/roles.js';
import { currentRequestId } from '../primitives/request-context.js';
import { signalCaseEventsWritten } from '../db/case-event-signals.js';
import { describeDatabaseError, isDataRefused } from '../db/database-errors.js';
import { storable } from '../db/storable.js';
import type { CommandActor } from '../workflows/case/case.messages.js';

// What every case's events write, whatever the case (a CFP application, an asset transfer): the event
// row the timeline and the SSE feed read, the messages to send about it, and its audit record. Each
// activity calls these inside its own transaction, with its own read model.

type Tx = Prisma.TransactionClient;

export interface CaseEventWrite {
  reference: string;
  sequence: number;
  type: string;
  /** The case's status after the event. */
  status: string;
  at: Date;
  actor: CommandActor | null;
  payload: Record<string, unknown>;
  summary: Bilingual;
  requestId: string | undefined;
}

/** A case event as its workflow sends it to be written: what happened, and the case's state after it. */
interface CaseEventRecordShape {
  reference: string;
  sequence: number;
  type: string;
  at: string;
  actor: CommandActor | null;
  payload: Record<string, unknown>;
  summary: Bilingual;
  state: { status: string };
}

/** The row to write for `event`, under the request that caused it. */
export function caseEventWrite(event: CaseEventRecordShape, requestId: string | undefined): CaseEventWrite {
  const { reference, sequence, type, actor, payload, summary } = event;
  return { reference, sequence, type, status: event.state.status, at: new Date(event.at), actor, payload, summary, requestId };
}

/**
 * An event whose sequence is already recorded as something else. Events are written only from the
 * history (see src/workflows/case/event-chain.ts), so this is never a retry: it is an event recorded by a
 * workflow task the history never kept, before that design, or a bug. Retrying cannot fix it.
 */
export class EventConflict extends Error {
  override name = 'EventConflict';
}

/**
 * Writes the event once: false when a retry finds it written already (and nothing else should be
 * written); EventConflict when its sequence holds a different event.
 */
export async function insertCaseEvent(tx: Tx, event: CaseEventWrite): Promise<boolean> {
  const { count } = await tx.caseEvent.createMany({
    data: [
      {
        reference: event.reference,
        sequence: event.sequence,
        type: event.type,
        status: event.status,
        actorId: event.actor?.personId ?? null,
        actorRole: event.actor?.role ?? null,
        occurredAt: event.at,
        payload: event.payload as Prisma.InputJsonValue,
        summaryCy: event.summary.cy,
        summaryEn: event.summary.en,
        requestId: event.requestId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (count > 0) return true;
  const recorded = await tx.caseEvent.findUnique({
    where: { reference_sequence: { reference: event.reference, sequence: event.sequence } },
    select: { type: true, occurredAt: true },
  });
  if (recorded && recorded.type === event.type && recorded.occurredAt.getTime() === event.at.getTime()) return false;
  throw new EventConflict(`${event.reference} event ${event.sequence} is recorded as ${recorded?.type ?? 'another event'}, not ${event.type}`);
}

export interface Recipient {
  personId: string;
  email: string;
  name: string;
  language: Language;
}

/** Queues one message per recipient about the event, in the outbox that deliverNotifications sends from. */
export async function queueNotifications<R extends Recipient>(
  tx: Tx,
  event: CaseEventWrite,
  recipients: R[],
  message: (recipient: R) => { subject: string; body: string },
): Promise<void> {
  if (recipients.length === 0) return;
  await tx.notification.createMany({
    data: recipients.map((person) => ({
      // One message per person per event: a retried activity cannot queue the same message twice.
      id: `${event.reference}:${event.sequence}:${person.personId}`,
      reference: event.reference,
      sequence: event.sequence,
      personId: person.personId,
      email: person.email,
      language: person.language,
      ...message(person),
    })),
    skipDuplicates: true,
  });
}

/** The event's record in the case's audit chain, as `command` (e.g. 'cfp.offer.accepted'). */
export async function auditCaseEvent(tx: Tx, event: CaseEventWrite, command: string): Promise<void> {
  await appendAuditRecord(tx, {
    stream: event.reference,
    occurredAt: event.at,
    actor: event.actor ? { personId: event.actor.personId, role: event.actor.role, organisationId: event.actor.organisationId } : null,
    requestId: event.requestId,
    command,
    summary: event.summary,
    // The payload came through Temporal's JSON converter, so it is JSON.
    changes: { sequence: event.sequence, status: event.status, ...(event.payload as AuditEntry['changes']) },
  });
}

type PersonRow = { id: string; email: string; name: string; language: string };

/** A person as a recipient, in the language they chose. */
export function asRecipient(person: PersonRow): Recipient {
  return { personId: person.id, email: person.email, name: person.name, language: person.language === 'cy' ? 'cy' : 'en' };
}

/** People holding one of `roles` for `organisationId`, by email: a group's members, a council's asset officers. */
export function peopleWithRole(tx: Tx, organisationId: string, roles: readonly RoleName[]) {
  return tx.person.findMany({ where: { roleGrants: { some: { organisationId, role: { in: [...roles] }, revokedAt: null } } }, orderBy: { email: 'asc' } });
}

/** The case officer, their manager (escalations), or both, as an event's audience asks; nobody without an officer. */
export async function caseOfficerAndManager(tx: Tx, officerId: string | null, wanted: { officer: boolean; manager: boolean }) {
  if (!officerId || !(wanted.officer || wanted.manager)) return [];
  const officer = await tx.person.findUnique({ where: { id: officerId } });
  const manager = wanted.manager && officer?.managerId ? await tx.person.findUnique({ where: { id: officer.managerId } }) : null;
  return [wanted.officer ? officer : null, manager].filter((person) => person !== null);
}

interface RecordedEvent {
  reference: string;
  sequence: number;
  type: string;
  at: string;
  notify: readonly unknown[];
  requestId?: string;
}

/**
 * What a batch write did: how many events were new, which a data error kept out (each with why), and
 * which written events still have mail to send (the workflow sends it by an activity of its own).
 */
export interface EventWriteResult {
  recorded: number;
  failed: { sequence: number; reason: string }[];
  mailLeft: number[];
}

/** Sends an event's unsent mail from the outbox (deliverNotifications); rejects when some could not go. */
export type SendEventMail = (key: { reference: string; sequence: number }) => Promise<unknown>;

/** Why an event cannot be written however often it is tried; undefined when a retry may succeed. */
function refusedForGood(error: unknown): string | undefined {
  if (error instanceof EventConflict) return error.message;
  if (isDataRefused(error)) return describeDatabaseError(error);
  return undefined;
}

/**
 * A case's event-writing activities, from how one event is written inside a transaction (false when a
 * retry finds it written already):
 * - `many` writes events in order, in one transaction, so the events one command or timer made together
 *   cost one round of writes. A lost connection fails it, for Temporal to retry. Data the database refuses
 *   would fail every retry, so then each event is tried alone, those refused are reported back to the
 *   workflow and kept in `event_write_failure` for staff (GET /api/admin/failures), and the rest are written;
 * - `one` writes a single event, as cases begun before events were written together still do (see
 *   src/workflows/case/event-chain.ts).
 * Each event carries the request that caused it; the activity's own request id is the fallback.
 *
 * Once the events are committed, `many` sends their mail once, right away: most mail goes then, without a
 * workflow task and an activity of its own. What does not go (the mail service down) is reported back,
 * and the workflow sends it by deliverNotifications, which retries; the write itself never fails for mail.
 */
export function eventRecorder<E extends RecordedEvent>(
  prisma: PrismaClient,
  noun: string,
  writeOne: (tx: Tx, event: E, requestId: string | undefined) => Promise<boolean>,
  sendMail: SendEventMail,
) {
  const writeAll = (events: E[], fallbackRequestId: string | undefined) =>
    prisma.$transaction(async (tx) => {
      let count = 0;
      for (const event of events) if (await writeOne(tx, event, event.requestId ?? fallbackRequestId)) count++;
      // Heard by the API once this commits: a command waiting for these events answers at once.
      const reference = events[0]?.reference;
      if (reference) await signalCaseEventsWritten(tx, reference);
      return count;
    });

  const many = async (given: E[]): Promise<EventWriteResult> => {
    const events = given.map((event) => storable(event));
    const requestId = currentRequestId();
    const reference = events[0]?.reference;
    const sequences = events.map((event) => event.sequence);
    try {
      const recorded = await writeAll(events, requestId);
      log.info(recorded === events.length ? `${noun} events recorded` : `${noun} events were already recorded`, {
        reference,
        sequences,
        types: events.map((event) => event.type),
        recorded,
      });
      return { recorded, failed: [], mailLeft: await mailOf(events) };
    } catch (error) {
      if (refusedForGood(error) === undefined) throw error;
    }
    const result: EventWriteResult = { recorded: 0, failed: [], mailLeft: [] };
    for (const event of events) {
      try {
        result.recorded += await writeAll([event], requestId);
      } catch (error) {
        const reason = refusedForGood(error);
        if (reason === undefined) throw error;
        result.failed.push({ sequence: event.sequence, reason });
      }
    }
    await prisma.eventWriteFailure.createMany({
      data: result.failed.map(({ sequence, reason }) => {
        const event = events.find((candidate) => candidate.sequence === sequence);
        // The failure must be storable even when the event's own time was what the database refused.
        const at = new Date(event?.at ?? Number.NaN);
        return {
          reference: reference ?? '',
          sequence,
          type: event?.type ?? '',
          reason: reason.slice(0, 2000),
          occurredAt: Number.isNaN(at.getTime()) ? new Date() : at,
          requestId: event?.requestId ?? requestId ?? null,
        };
      }),
      skipDuplicates: true,
    });
    if (reference) await signalCaseEventsWritten(prisma, reference);
    log.error(`${noun} events refused by the database`, { reference, sequences, failed: result.failed });
    result.mailLeft = await mailOf(events.filter((event) => !result.failed.some((failure) => failure.sequence === event.sequence)));
    return result;
  };

  /** Sends the written events' mail, one try each; answers the events whose mail is left to send. */
  const mailOf = async (written: E[]): Promise<number[]> => {
    const left: number[] = [];
    for (const event of written) {
      if (event.notify.length === 0) continue;
      try {
        await sendMail({ reference: event.reference, sequence: event.sequence });
      } catch (error) {
        log.warn('Mail not sent with its event; the workflow sends it again', { reference: event.reference, sequence: event.sequence, error: String(error) });
        left.push(event.sequence);
      }
    }
    return left;
  };
  const one = async (event: E): Promise<boolean> => (await many([event])).recorded === 1;
  return { many, one };
}
