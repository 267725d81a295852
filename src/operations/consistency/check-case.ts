import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { PrismaClient } from '../../db/prisma.js';
import { isCaseReference } from '../../domain/case-reference.js';

// Does the database say what the case's workflow history says? The history is the record of what the case
// did; the read model, the timeline (case_event), the audit trail and the outbox are written from it. For
// each event the history holds (the input of each event-writing activity it scheduled) this checks there is
// exactly that event, one audit record of it and notifications only of it; and that nothing is there that
// the history does not hold. Events the database refused (reported back by the write, and kept in
// event_write_failure) are expected to be missing and are not differences.

/** Activities that write a CFP application's or a transfer's events, by the shape of their input. */
const batchWriters = new Set(['recordCaseEvents', 'recordTransferEvents']);
const singleWriters = new Set(['recordCaseEvent', 'recordTransferEvent']);

/** What checking needs of an event as its workflow sent it to be written (CaseEventRecord, TransferEventRecord). */
interface HeldEvent {
  sequence: number;
  type: string;
  at: string;
  state?: { status?: string };
}

export interface CaseDifference {
  sequence: number | null;
  what: string;
}

export interface CaseConsistency {
  reference: string;
  /** Event writes the history has scheduled that have not finished yet: check again once they have. */
  pendingWrites: number;
  /** Events whose write was local to a workflow task (cases begun between two designs): the history keeps no input to check against. */
  uncheckable: boolean;
  differences: CaseDifference[];
}

function decode<T>(payload: Payload | null | undefined): T | undefined {
  return payload ? defaultPayloadConverter.fromPayload<T>(payload) : undefined;
}

/** What the history of `reference`'s workflow holds: the events written, those refused, and writes still running. */
async function heldByHistory(temporal: Client, reference: string) {
  const history = await temporal.workflow.getHandle(reference).fetchHistory();
  const scheduled = new Map<string, HeldEvent[]>();
  const completed = new Set<string>();
  const refused = new Set<number>();
  let uncheckable = false;
  for (const event of history.events ?? []) {
    const id = String(event.eventId);
    const attributes = event.activityTaskScheduledEventAttributes;
    const name = attributes?.activityType?.name ?? '';
    const input = attributes?.input?.payloads?.[0];
    if (batchWriters.has(name)) scheduled.set(id, decode<HeldEvent[]>(input) ?? []);
    else if (singleWriters.has(name))
      scheduled.set(
        id,
        [decode<HeldEvent>(input)].filter((held) => held !== undefined),
      );
    const done = event.activityTaskCompletedEventAttributes;
    if (done) {
      const key = String(done.scheduledEventId);
      completed.add(key);
      const result = decode<{ failed?: { sequence: number }[] }>(done.result?.payloads?.[0]);
      if (result && typeof result === 'object') for (const failure of result.failed ?? []) refused.add(failure.sequence);
    }
    if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') uncheckable = true;
  }
  const events = new Map<number, HeldEvent>();
  let pendingWrites = 0;
  for (const [id, held] of scheduled) {
    if (!completed.has(id)) pendingWrites += 1;
    for (const event of held) events.set(event.sequence, event);
  }
  return { events, refused, pendingWrites, uncheckable };
}

/** Compares one case's history with what the database holds of it. */
export async function checkCase({ prisma, temporal, reference }: { prisma: PrismaClient; temporal: Client; reference: string }): Promise<CaseConsistency> {
  const { events, refused, pendingWrites, uncheckable } = await heldByHistory(temporal, reference);
  const differences: CaseDifference[] = [];
  const differ = (sequence: number | null, what: string) => differences.push({ sequence, what });

  const [rows, audit, notifications, failures] = await Promise.all([
    prisma.caseEvent.findMany({ where: { reference }, orderBy: { sequence: 'asc' } }),
    prisma.auditRecord.findMany({ where: { stream: reference }, select: { command: true, changes: true } }),
    prisma.notification.groupBy({ by: ['sequence'], where: { reference }, _count: true }),
    prisma.eventWriteFailure.findMany({ where: { reference }, select: { sequence: true } }),
  ]);
  const recorded = new Map(rows.map((row) => [row.sequence, row]));
  const audited = new Map<number, number>();
  for (const record of audit) {
    const sequence = (record.changes as { sequence?: unknown } | null)?.sequence;
    if (typeof sequence === 'number') audited.set(sequence, (audited.get(sequence) ?? 0) + 1);
    else differ(null, `an audit record (${record.command}) names no event`);
  }
  const keptOut = new Set([...refused, ...failures.map((failure) => failure.sequence)]);

  for (const [sequence, held] of events) {
    const row = recorded.get(sequence);
    if (keptOut.has(sequence)) {
      if (row) differ(sequence, `${held.type} was reported refused by the database, but is recorded`);
      continue;
    }
    if (!row) differ(sequence, `${held.type} is in the history but not recorded`);
    else if (row.type !== held.type || row.occurredAt.getTime() !== Date.parse(held.at))
      differ(sequence, `the history holds ${held.type}, the database ${row.type}`);
    const copies = audited.get(sequence) ?? 0;
    if (copies !== 1) differ(sequence, `${held.type} has ${copies} audit records, not 1`);
  }
  for (const row of rows) if (!events.has(row.sequence)) differ(row.sequence, `${row.type} is recorded but not in the history`);
  for (const sequence of audited.keys()) if (!events.has(sequence)) differ(sequence, 'an audit record of an event the history does not hold');
  for (const { sequence } of notifications) if (!events.has(sequence)) differ(sequence, 'mail queued about an event the history does not hold');

  // The read model's row shows the state after the last event written.
  const written = [...events.values()].filter((event) => !keptOut.has(event.sequence)).sort((a, b) => a.sequence - b.sequence);
  const last = written.at(-1);
  if (last) {
    const row = reference.startsWith('CAT-')
      ? await prisma.transfer.findUnique({ where: { reference }, select: { status: true, lastEventSequence: true } })
      : await prisma.application.findUnique({ where: { reference }, select: { status: true, lastEventSequence: true } });
    if (!row) differ(null, 'the case has no read-model row');
    else {
      if (row.lastEventSequence !== last.sequence)
        differ(last.sequence, `the read model is at event ${row.lastEventSequence}, the history at ${last.sequence}`);
      const status = last.state?.status;
      if (status && row.status !== status) differ(last.sequence, `the read model says ${row.status}, the history ${status}`);
    }
  }
  return { reference, pendingWrites, uncheckable, differences };
}

/** Every CFP application and asset transfer the database knows of, for checking one by one. */
export async function caseReferences(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.caseEvent.findMany({ distinct: ['reference'], select: { reference: true }, orderBy: { reference: 'asc' } });
  return rows.map((row) => row.reference).filter((reference) => isCaseReference(reference, 'CFP') || isCaseReference(reference, 'CAT'));
}
