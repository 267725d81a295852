import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import { stageFor } from '../domain/cfp/status.js';
import { applicantRoles } from '../domain/roles.js';
import { caseEventMessage } from '../notifications/case-event-message.js';
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
import type { CaseEventRecord, CfpApplicationState } from '../workflows/cfp-application.messages.js';

type Tx = Prisma.TransactionClient;

/** The read-model row for an application, from the workflow's state after an event. */
function applicationRow(state: CfpApplicationState, at: Date) {
  const amount = state.decision?.outcome === 'approve' ? state.decision.amountPence : null;
  return {
    policyVersion: state.policyVersion,
    organisationId: state.organisation.id,
    organisationName: state.organisation.name,
    language: state.language,
    projectTitle: state.projectTitle,
    status: state.status,
    stage: stageFor(state.status),
    caseOfficerId: state.caseOfficerId,
    fastTrack: state.fastTrack,
    tier: state.tier,
    requestedPence: state.eoi.requestedPence === undefined ? null : BigInt(state.eoi.requestedPence),
    awardedPence: amount === null ? null : BigInt(amount),
    lsoaCode: state.area?.lsoaCode ?? null,
    localAuthorityCode: state.area?.localAuthorityCode ?? null,
    localAuthorityName: state.area?.localAuthorityName ?? null,
    wimdEdition: state.area?.edition ?? null,
    wimdRank: state.area?.rank ?? null,
    wimdDecile: state.area?.decile ?? null,
    stageDueAt: state.clock?.dueAt ? new Date(state.clock.dueAt) : null,
    clockPaused: state.clock?.pausedRemainingMs !== null && state.clock?.pausedRemainingMs !== undefined,
    slaBreached: state.clock?.breached ?? false,
    applicantAction: state.applicantAction?.action ?? null,
    applicantDueAt: state.applicantAction?.dueAt ? new Date(state.applicantAction.dueAt) : null,
    snapshot: state as unknown as Prisma.InputJsonValue,
    lastEventSequence: state.lastSequence,
    updatedAt: at,
  };
}

interface CaseRecipient extends Recipient {
  isGroupMember: boolean;
}

/** The people an event's notifications go to, each once. */
async function recipients(tx: Tx, event: CaseEventRecord): Promise<CaseRecipient[]> {
  const found = new Map<string, CaseRecipient>();
  const add = (person: { id: string; email: string; name: string; language: string }, isGroupMember: boolean) => {
    if (!found.has(person.id)) found.set(person.id, { ...asRecipient(person), isGroupMember });
  };
  if (event.notify.includes('applicants')) for (const member of await peopleWithRole(tx, event.state.organisation.id, applicantRoles)) add(member, true);
  const wanted = { officer: event.notify.includes('case_officer'), manager: event.notify.includes('case_officer_manager') };
  for (const person of await caseOfficerAndManager(tx, event.state.caseOfficerId, wanted)) add(person, false);
  return [...found.values()];
}

/**
 * Writes one case event: the read model, the event itself (the timeline and the SSE feed read it), its
 * audit record, the notifications to send and, on acceptance, the award. Idempotent: the event's
 * (reference, sequence) key is written first, so a retry writes nothing; false when it was written already.
 */
async function writeCaseEvent(tx: Tx, event: CaseEventRecord, requestId: string | undefined): Promise<boolean> {
  const written = caseEventWrite(event, requestId);
  const { at } = written;
  const row = applicationRow(event.state, at);
  // The case's first event makes its row (once, however often retried); later events update it.
  const created =
    event.sequence === 1 &&
    (await tx.application.createMany({ data: [{ reference: event.reference, ...row, createdAt: at }], skipDuplicates: true })).count === 1;
  if (!(await insertCaseEvent(tx, written))) return false;
  // Events are written in order, but guard anyway: an older state never overwrites a newer one.
  if (!created) await tx.application.updateMany({ where: { reference: event.reference, lastEventSequence: { lte: event.sequence } }, data: row });

  // The transfer named for the grant's tenure lists it. Its own workflow records the link as it hears of
  // it; one that has closed (withdrawn, say, or past its monitoring) hears nothing, and this is all it gets.
  const linked = event.type === 'tenure.transfer_linked' ? event.payload.transferReference : undefined;
  if (typeof linked === 'string') {
    await tx.$executeRaw`UPDATE transfer SET linked_applications = array_append(linked_applications, ${event.reference})
      WHERE reference = ${linked} AND NOT (${event.reference} = ANY(linked_applications))`;
  }

  if (event.award) {
    await tx.award.createMany({
      data: [
        {
          applicationReference: event.reference,
          organisationId: event.state.organisation.id,
          amountPence: BigInt(event.award.amountPence),
          conditions: event.award.conditions as unknown as Prisma.InputJsonValue,
          policyVersion: event.state.policyVersion,
          decidedAt: new Date(event.award.decidedAt),
          acceptedAt: new Date(event.award.acceptedAt),
        },
      ],
      skipDuplicates: true,
    });
  }

  await queueNotifications(tx, written, await recipients(tx, event), (person) => caseEventMessage(event, person));
  await auditCaseEvent(tx, written, `cfp.${event.type}`);
  return true;
}

/** The activities that write a CFP application's events (see eventRecorder). */
export const caseEventRecorder = (prisma: PrismaClient, sendMail: SendEventMail) => eventRecorder<CaseEventRecord>(prisma, 'Case', writeCaseEvent, sendMail);
