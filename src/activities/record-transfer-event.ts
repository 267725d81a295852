import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import { assetAvailabilityAfter } from '../domain/cat/asset-availability.js';
import { stageOf } from '../domain/cat/status.js';
import { applicantRoles } from '../domain/roles.js';
import { transferEventMessage } from '../notifications/transfer-event-message.js';
import {
  asRecipient,
  auditCaseEvent,
  caseEventWrite,
  caseOfficerAndManager,
  eventRecorder,
  insertCaseEvent,
  peopleWithRole,
  queueNotifications,
  type Recipient,
  type SendEventMail,
} from './case-event-writes.js';
import type { TransferEventRecord, TransferState } from '../workflows/asset-transfer.messages.js';

type Tx = Prisma.TransactionClient;

/** The read-model row for a transfer, from the workflow's state after an event. */
function transferRow(state: TransferState, at: Date) {
  const tenure = state.completion?.tenure ?? state.evaluation?.tenure ?? null;
  return {
    processVersion: state.processVersion,
    ownerOrganisationId: state.owner.id,
    ownerName: state.owner.name,
    organisationId: state.organisation.id,
    organisationName: state.organisation.name,
    assetId: state.asset.id,
    assetName: state.asset.name,
    openSpace: state.asset.openSpace,
    localAuthorityCode: state.asset.localAuthorityCode,
    wimdDecile: state.asset.wimdDecile,
    language: state.language,
    status: state.status,
    stage: stageOf(state.status),
    caseOfficerId: state.caseOfficerId,
    undervaluePence: state.evaluation ? BigInt(state.evaluation.undervaluePence) : null,
    needsConsent: state.evaluation?.needsMinistersConsent ?? false,
    tenureKind: tenure?.kind ?? null,
    tenureYears: tenure?.termYears ?? null,
    stageDueAt: state.clock ? new Date(state.clock.dueAt) : null,
    slaBreached: state.clock?.breached ?? false,
    groupAction: state.groupAction?.action ?? null,
    groupDueAt: state.groupAction?.dueAt ? new Date(state.groupAction.dueAt) : null,
    linkedApplications: state.linkedApplications,
    completedAt: state.completion ? new Date(state.completion.at) : null,
    snapshot: state as unknown as Prisma.InputJsonValue,
    lastEventSequence: state.lastSequence,
    updatedAt: at,
  };
}

interface TransferRecipient extends Recipient {
  isGroupMember: boolean;
}

/** The people an event's notifications go to, each once. */
async function recipients(tx: Tx, event: TransferEventRecord): Promise<TransferRecipient[]> {
  const found = new Map<string, TransferRecipient>();
  const add = (person: { id: string; email: string; name: string; language: string }, isGroupMember: boolean) => {
    if (!found.has(person.id)) found.set(person.id, { ...asRecipient(person), isGroupMember });
  };
  if (event.notify.includes('group')) for (const member of await peopleWithRole(tx, event.state.organisation.id, applicantRoles)) add(member, true);
  if (event.notify.includes('asset_officers')) for (const officer of await peopleWithRole(tx, event.state.owner.id, ['asset_officer'])) add(officer, false);
  const wanted = { officer: event.notify.includes('case_officer'), manager: event.notify.includes('case_officer_manager') };
  for (const person of await caseOfficerAndManager(tx, event.state.caseOfficerId, wanted)) add(person, false);
  return [...found.values()];
}

/**
 * Writes one transfer event: the read model, the event (timeline and SSE feed), its audit record, the
 * notifications to send and, once the asset has changed hands, the register. Idempotent: the event's
 * (reference, sequence) key is written first, so a retry writes nothing; false when it was written already.
 */
async function writeTransferEvent(tx: Tx, event: TransferEventRecord, requestId: string | undefined): Promise<boolean> {
  const written = caseEventWrite(event, requestId);
  const { at } = written;
  const row = transferRow(event.state, at);
  // The first event makes the row (once, however often retried); later events update it.
  const created =
    event.sequence === 1 && (await tx.transfer.createMany({ data: [{ reference: event.reference, ...row, createdAt: at }], skipDuplicates: true })).count === 1;
  if (!(await insertCaseEvent(tx, written))) return false;
  // Events are written in order, but guard anyway: an older state never overwrites a newer one.
  if (!created) await tx.transfer.updateMany({ where: { reference: event.reference, lastEventSequence: { lte: event.sequence } }, data: row });

  const availability = assetAvailabilityAfter(event.state.status);
  if (availability)
    await tx.asset.updateMany({ where: { id: event.state.asset.id, availability: { not: availability } }, data: { availability, updatedAt: at } });

  await queueNotifications(tx, written, await recipients(tx, event), (person) => transferEventMessage(event, person));
  await auditCaseEvent(tx, written, `cat.${event.type}`);
  return true;
}

/** The activities that write an asset transfer's events (see eventRecorder). */
export const transferEventRecorder = (prisma: PrismaClient, sendMail: SendEventMail) =>
  eventRecorder<TransferEventRecord>(prisma, 'Transfer', writeTransferEvent, sendMail);
