import { log } from '@temporalio/activity';
import { appendAuditRecord } from '../audit/append-audit-record.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import { monitoringEventSummary, returnStatusAfter } from '../domain/cfp/monitoring.js';
import { applicantRoles } from '../domain/roles.js';
import { monitoringMessage } from '../notifications/monitoring-message.js';
import { currentRequestId } from '../primitives/request-context.js';
import { monitoringNotificationPrefix, type MonitoringEventRecord } from '../workflows/award-monitoring.messages.js';
import { asRecipient, caseOfficerAndManager, peopleWithRole, type Recipient } from './case-event-writes.js';

type Tx = Prisma.TransactionClient;

// First key of the two-key advisory lock that serialises one award's monitoring events ('moni' in ASCII);
// distinct from the audit trail's, so the two never wait for each other by accident.
const MONITORING_LOCK_SPACE = 0x6d6f6e69;

// Notifications of monitoring events belong to no case event: their ids say which event they are
// (`<reference>:m<period>:<kind>:<personId>`) and their sequence is 0, which no case event has.
const NO_CASE_EVENT = 0;

/** The people an event's notifications go to, each once: the group's members, or its case officer and their manager. */
async function recipients(tx: Tx, event: MonitoringEventRecord, caseOfficerId: string | null): Promise<Recipient[]> {
  const found = new Map<string, Recipient>();
  const add = (person: { id: string; email: string; name: string; language: string }) => {
    if (!found.has(person.id)) found.set(person.id, asRecipient(person));
  };
  if (event.notify.includes('applicants')) for (const member of await peopleWithRole(tx, event.organisationId, applicantRoles)) add(member);
  const wanted = { officer: event.notify.includes('case_officer'), manager: event.notify.includes('case_officer_manager') };
  for (const person of await caseOfficerAndManager(tx, caseOfficerId, wanted)) add(person);
  return [...found.values()];
}

/**
 * Writes one monitoring event of an award: its monitoring_return row, an audit record on the application's
 * stream and the notifications to send, in each recipient's language; all in one transaction.
 *
 * Idempotent: a reminder or an escalation changes no row that could guard it, so every kind is guarded the
 * same way. The award's monitoring events take a lock of their own, then look for the event's audit record
 * (its command and `changes.event`); a retry after the transaction committed finds it and writes nothing.
 */
export function recordMonitoringEvent(prisma: PrismaClient) {
  return async (event: MonitoringEventRecord): Promise<boolean> => {
    const requestId = currentRequestId();
    const at = new Date(event.at);
    const command = `cfp.monitoring.${event.kind}`;
    const key = `m${event.period}:${event.kind}`;
    const recorded = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT true AS locked FROM (SELECT pg_advisory_xact_lock(${MONITORING_LOCK_SPACE}::int, hashtext(${event.awardReference}))) AS award_lock`;
      const already = await tx.auditRecord.findFirst({
        where: { stream: event.awardReference, command, changes: { path: ['event'], equals: key } },
        select: { id: true },
      });
      if (already) return false;

      const status = event.kind === 'closed' ? null : returnStatusAfter[event.kind];
      if (event.kind !== 'closed' && event.dueAt) {
        const submission =
          event.kind === 'submitted' && event.actor
            ? { ...(event.answers ? { answers: { ...event.answers } } : {}), submittedById: event.actor.personId, submittedAt: at }
            : {};
        await tx.monitoringReturn.upsert({
          where: { awardReference_period: { awardReference: event.awardReference, period: event.period } },
          create: { awardReference: event.awardReference, period: event.period, dueAt: new Date(event.dueAt), status: status ?? 'due', ...submission },
          update: { ...(status ? { status } : {}), ...submission },
        });
      }

      const application = await tx.application.findUnique({
        where: { reference: event.awardReference },
        select: { caseOfficerId: true, projectTitle: true, organisationName: true },
      });
      if (!application)
        log.warn('Monitoring an award with no application in the read model: no case officer to tell', { awardReference: event.awardReference });
      const people = await recipients(tx, event, application?.caseOfficerId ?? null);
      if (people.length > 0) {
        const context = { projectTitle: application?.projectTitle ?? '', organisationName: application?.organisationName ?? '' };
        const prefix = monitoringNotificationPrefix(event.awardReference, event.period, event.kind);
        await tx.notification.createMany({
          data: people.map((person) => ({
            id: `${prefix}${person.personId}`,
            reference: event.awardReference,
            sequence: NO_CASE_EVENT,
            personId: person.personId,
            email: person.email,
            language: person.language,
            ...monitoringMessage(event, person, context),
          })),
          skipDuplicates: true,
        });
      }

      await appendAuditRecord(tx, {
        stream: event.awardReference,
        occurredAt: at,
        actor: event.actor ? { personId: event.actor.personId, role: event.actor.role, organisationId: event.actor.organisationId } : null,
        requestId,
        command,
        summary: monitoringEventSummary(event.kind, event),
        changes: {
          event: key,
          period: event.period,
          periods: event.periods,
          dueAt: event.dueAt,
          ...(status ? { status } : {}),
          ...(event.late !== undefined ? { late: event.late } : {}),
          ...(event.answers ? { answers: { ...event.answers } } : {}),
          ...(event.returns ? { returns: event.returns.map((r) => ({ ...r })) } : {}),
          ...(people.length > 0 ? { notified: people.length } : {}),
        },
      });
      return true;
    });
    log.info(recorded ? 'Monitoring event recorded' : 'Monitoring event was already recorded', {
      awardReference: event.awardReference,
      period: event.period,
      kind: event.kind,
    });
    return recorded;
  };
}
