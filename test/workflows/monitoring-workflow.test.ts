import { WorkflowUpdateFailedError, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../src/activities/index.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { formatCaseReference } from '../../src/domain/case-reference.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { readableDate } from '../../src/domain/wales-time.js';
import { fileMailbox } from '../../src/notifications/file-mailbox.js';
import type { awardMonitoringWorkflow } from '../../src/workflows/award-monitoring.js';
import * as m from '../../src/workflows/award-monitoring.messages.js';
import { actor, insertApplication, now, testPolicy } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { eventually } from '../support/http.js';
import { recordHistory } from '../support/histories.js';
import { createOrganisation, createPerson } from '../support/people.js';
import { connectTemporal, type TemporalTestContext } from '../support/temporal.js';

// The monitoring years after a CFP project completes, against the real dev server and PostgreSQL, with
// returns every 3 seconds instead of every year.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

const seconds: CfpPolicy['awards']['monitoring'] = {
  period: '9 seconds',
  returnInterval: '3 seconds',
  opensBefore: '2 seconds',
  reminderBefore: '1 second',
  escalateAfter: '2 seconds',
};

async function monitoringPolicy(monitoring = seconds): Promise<CfpPolicy> {
  const policy = await testPolicy();
  return { ...policy, awards: { ...policy.awards, monitoring } };
}

const answers = (usersPerWeek: number): m.MonitoringAnswers => ({
  inUse: true,
  usersPerWeek,
  changes: usersPerWeek > 100 ? 'Clwb ieuenctid newydd ar nos Fercher' : '',
});

describe('award monitoring workflow', () => {
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  let group: { id: string; name: string };
  const people: Record<string, m.CommandActor> = {};

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    group = await createOrganisation(prisma, { name: 'Neuadd Bentref Llanddona' });
    const other = await createOrganisation(prisma, { name: 'Clwb Pêl-droed Amlwch' });
    const manager = await createPerson(prisma, { grants: [{ role: 'caseworker' }] });
    people.manager = actor(manager.id, 'caseworker');
    const caseworker = await createPerson(prisma, { language: 'cy', grants: [{ role: 'caseworker' }] });
    await prisma.person.update({ where: { id: caseworker.id }, data: { managerId: manager.id } });
    people.caseworker = actor(caseworker.id, 'caseworker');
    const lead = await createPerson(prisma, { language: 'cy', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    people.lead = actor(lead.id, 'applicant_lead', group.id);
    const member = await createPerson(prisma, { language: 'en', grants: [{ role: 'applicant_member', organisationId: group.id }] });
    people.member = actor(member.id, 'applicant_member', group.id);
    const stranger = await createPerson(prisma, { grants: [{ role: 'applicant_lead', organisationId: other.id }] });
    people.stranger = actor(stranger.id, 'applicant_lead', other.id);
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.teardown();
  });

  const who = (name: string): m.CommandActor => {
    const found = people[name];
    if (!found) throw new Error(`no ${name}`);
    return found;
  };

  async function awardReference(): Promise<string> {
    const reference = formatCaseReference('CFP', 2026, 100_000 + Math.floor(Math.random() * 800_000));
    await insertApplication(prisma, { reference, organisation: group, status: 'accepted', caseOfficerId: who('caseworker').personId });
    return reference;
  }

  async function startMonitoring(reference: string, policy: CfpPolicy): Promise<WorkflowHandleWithFirstExecutionRunId<typeof awardMonitoringWorkflow>> {
    return temporal.client.workflow.start<typeof awardMonitoringWorkflow>(m.AWARD_MONITORING_WORKFLOW, {
      workflowId: m.monitoringWorkflowId(reference),
      taskQueue: temporal.taskQueue,
      args: [{ awardReference: reference, organisationId: group.id, policy, completedAt: now() }],
    });
  }

  const submit = (handle: WorkflowHandle, name: string, period: number, usersPerWeek = 80) =>
    handle.executeUpdate(m.submitMonitoringReturn, { args: [{ actor: who(name), at: now(), period, answers: answers(usersPerWeek) }] });

  /** The failure a refused update carries: its type and its English reason. */
  async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; en: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: { en: string }[] };
    return { type: cause.type, en: cause.details?.[0]?.en ?? '' };
  }

  /** The refusal of a return sent before its window opens. */
  const notOpenYet = (period: number, current: m.CurrentReturn | null) =>
    `Monitoring return ${period} is not open yet: it can be sent from ${readableDate(current?.opensAt ?? '', 'en', 'dayAndTime')}, and is due by ${readableDate(current?.dueAt ?? '', 'en')}`;

  const stateWhen = (handle: WorkflowHandle, test: (state: m.AwardMonitoringState) => boolean) =>
    eventually(async () => {
      const state = await handle.query(m.monitoringState);
      return test(state) ? state : undefined;
    });

  it('runs three returns: one on time, one late after a reminder, one never sent and escalated once; a run per return', async () => {
    const reference = await awardReference();
    const handle = await startMonitoring(reference, await monitoringPolicy());
    expect(handle.workflowId).toBe(`${reference}/monitoring`);

    // Return 1 is not open at completion: it opens its window before it is due, and says when.
    const upcoming = await stateWhen(handle, (s) => s.current !== null);
    expect(upcoming.current).toMatchObject({ period: 1, status: 'upcoming' });
    expect(await refusal(submit(handle, 'lead', 1))).toEqual({ type: m.REFUSED_CONFLICT, en: notOpenYet(1, upcoming.current) });
    const first = await stateWhen(handle, (s) => s.current?.status === 'due');
    expect(first).toMatchObject({ periods: 3, current: { period: 1 }, previous: [], closed: false });

    // Only the award's own group may send it, only the open return, and only answers that make sense.
    expect(await refusal(submit(handle, 'stranger', 1))).toMatchObject({ type: m.REFUSED_FORBIDDEN });
    expect(await refusal(submit(handle, 'caseworker', 1))).toMatchObject({ type: m.REFUSED_FORBIDDEN });
    expect(await refusal(submit(handle, 'lead', 2))).toEqual({ type: m.REFUSED_CONFLICT, en: 'Monitoring return 2 is not open; return 1 is' });
    const nonsense = handle.executeUpdate(m.submitMonitoringReturn, {
      args: [{ actor: who('lead'), at: now(), period: 1, answers: { inUse: true, usersPerWeek: -3, changes: '' } }],
    });
    expect((await refusal(nonsense)).type).toBe(m.REFUSED_CONFLICT);

    expect(await submit(handle, 'member', 1, 80)).toEqual({ awardReference: reference, period: 1, status: 'submitted', late: false });
    // Sent twice: refused, whether the first run is still ending or the second has begun.
    expect(await refusal(submit(handle, 'lead', 1))).toEqual({ type: m.REFUSED_CONFLICT, en: 'Monitoring return 1 has already been sent' });

    // Return 2 waits for its reporting year: not open yet.
    const waiting = await stateWhen(handle, (s) => s.current?.period === 2);
    expect(waiting.current?.status).toBe('upcoming');
    expect(waiting.previous).toEqual([expect.objectContaining({ period: 1, status: 'submitted', late: false, escalated: false })]);
    expect(await refusal(submit(handle, 'lead', 2))).toEqual({ type: m.REFUSED_CONFLICT, en: notOpenYet(2, waiting.current) });

    // Return 2 is reminded, then overdue; the group sends it late, before it is escalated.
    const overdue = await stateWhen(handle, (s) => s.current?.period === 2 && s.current.status === 'overdue');
    expect(overdue.current?.reminded).toBe(true);
    expect(await refusal(submit(handle, 'lead', 3))).toEqual({ type: m.REFUSED_CONFLICT, en: 'Monitoring return 3 is not open; return 2 is' });
    expect(await submit(handle, 'lead', 2, 140)).toMatchObject({ period: 2, late: true });

    // Return 3 is never sent: reminded, overdue, escalated once; then monitoring ends.
    const final = await handle.result();
    expect(final.closed).toBe(true);
    expect(final.previous.map((r) => [r.period, r.status, r.late, r.escalated])).toEqual([
      [1, 'submitted', false, false],
      [2, 'submitted', true, false],
      [3, 'overdue', false, true],
    ]);
    // Too late for return 3 now.
    await expect(submit(handle, 'lead', 3)).rejects.toThrow();

    // The returns as the read model holds them.
    const rows = await prisma.monitoringReturn.findMany({ where: { awardReference: reference }, orderBy: { period: 'asc' } });
    expect(rows.map((r) => [r.period, r.status, r.submittedById])).toEqual([
      [1, 'submitted', who('member').personId],
      [2, 'submitted', who('lead').personId],
      [3, 'overdue', null],
    ]);
    const [one, two, three] = rows;
    expect(one?.answers).toEqual(answers(80));
    expect(two?.answers).toEqual(answers(140));
    expect(one && one.submittedAt && one.submittedAt <= one.dueAt).toBe(true);
    expect(two && two.submittedAt && two.submittedAt > two.dueAt).toBe(true);
    expect(three?.submittedAt).toBeNull();
    expect(rows.map((r) => r.dueAt.getTime() - (rows[0]?.dueAt.getTime() ?? 0))).toEqual([0, 3000, 6000]);

    // One audit record per event, in order, on the application's intact chain.
    const audit = await prisma.auditRecord.findMany({ where: { stream: reference }, orderBy: { sequence: 'asc' } });
    expect(audit.map((a) => `${(a.changes as { event: string }).event}`)).toEqual([
      'm1:opened',
      'm1:submitted',
      'm2:opened',
      'm2:reminder',
      'm2:overdue',
      'm2:submitted',
      'm3:opened',
      'm3:reminder',
      'm3:overdue',
      'm3:escalated',
      'm3:closed',
    ]);
    expect(audit.find((a) => a.command === 'cfp.monitoring.submitted')).toMatchObject({
      actorId: who('member').personId,
      actorRole: 'applicant_member',
      summaryEn: 'The group sent monitoring return 1',
    });
    expect(audit.filter((a) => a.command === 'cfp.monitoring.submitted')[1]?.summaryCy).toBe('Anfonodd y grŵp ffurflen fonitro 2 yn hwyr');
    expect((await verifyAuditChain(prisma, { stream: reference })).ok).toBe(true);

    // Notifications, in each person's language, every one sent.
    const mail = await prisma.notification.findMany({ where: { reference }, orderBy: { id: 'asc' } });
    expect(mail.every((n) => n.sentAt !== null && n.sequence === 0)).toBe(true);
    const to = (prefix: string) =>
      mail
        .filter((n) => n.id.startsWith(`${reference}:${prefix}:`))
        .map((n) => n.personId)
        .sort();
    const group2 = [who('lead').personId, who('member').personId].sort();
    expect(to('m1:opened')).toEqual(group2);
    expect(to('m1:reminder')).toEqual([]);
    expect(to('m2:reminder')).toEqual(group2);
    expect(to('m2:overdue')).toEqual(group2);
    expect(to('m2:escalated')).toEqual([]);
    // A late return is news for the case officer too.
    expect(to('m2:submitted')).toEqual([...group2, who('caseworker').personId].sort());
    expect(to('m3:escalated')).toEqual([who('caseworker').personId, who('manager').personId].sort());
    expect(mail.filter((n) => n.id.includes(':escalated:'))).toHaveLength(2);
    const reminderCy = mail.find((n) => n.id === `${reference}:m2:reminder:${who('lead').personId}`);
    expect(reminderCy).toMatchObject({ language: 'cy' });
    expect(reminderCy?.subject).toContain('Nodyn atgoffa: ffurflen fonitro 2');
    const reminderEn = mail.find((n) => n.id === `${reference}:m2:reminder:${who('member').personId}`);
    expect(reminderEn?.subject).toContain('Reminder: monitoring return 2');
    expect(mail.find((n) => n.id === `${reference}:m3:escalated:${who('caseworker').personId}`)?.body).toContain('Neuadd Bentref Llanddona');

    // A run per return: the first continued as new, and the last run's history is short.
    const firstRun = temporal.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
    const lastRun = await handle.describe();
    expect(lastRun.runId).not.toBe(handle.firstExecutionRunId);
    expect(lastRun.status.name).toBe('COMPLETED');
    const lastHistory = await temporal.client.workflow.getHandle(handle.workflowId, lastRun.runId).fetchHistory();
    // The last run holds return 3 and the close only: started from a continued run, no updates in it.
    const started = lastHistory.events?.[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.continuedExecutionRunId).toBeTruthy();
    expect(lastHistory.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    expect(lastHistory.events?.length).toBeLessThan(100);

    await recordHistory('monitoring-first-return', firstRun);
    await recordHistory('monitoring-last-return', temporal.client.workflow.getHandle(handle.workflowId, lastRun.runId));
  });

  it('puts the returns on anniversaries of completion in Wales and refuses one sent before its window opens, saying when in Welsh and English', async () => {
    // The policy as configured: a return a year for 5 years, each open 6 weeks before it is due.
    const policy = await testPolicy();
    expect(policy.awards.monitoring).toMatchObject({ period: '5 years', returnInterval: '1 year', opensBefore: '6 weeks' });
    const reference = await awardReference();
    const handle = await startMonitoring(reference, policy);
    const { current, periods, completedAt } = await stateWhen(handle, (s) => s.current !== null);
    expect(periods).toBe(5);
    if (!current) throw new Error('no return');

    // Due on the first anniversary of completion, at the same time of day in Wales; open 42 calendar days before.
    const inWales = (instant: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/London',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(instant));
    const [completedDate, completedTime] = inWales(completedAt).split(', ');
    const [year, month, day] = (completedDate ?? '').split('-').map(Number) as [number, number, number];
    const anniversary = new Date(Date.UTC(year + 1, month - 1, month === 2 && day === 29 ? 28 : day));
    expect(inWales(current.dueAt)).toBe(`${anniversary.toISOString().slice(0, 10)}, ${completedTime}`);
    const opens = new Date(anniversary.getTime() - 42 * 86_400_000);
    expect(inWales(current.opensAt)).toBe(`${opens.toISOString().slice(0, 10)}, ${completedTime}`);
    expect(current.status).toBe('upcoming');

    // Sent at completion, a year early: refused, with the date it opens and the date it is due.
    const error = await submit(handle, 'lead', 1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: { cy: string; en: string }[] };
    expect(cause.type).toBe(m.REFUSED_CONFLICT);
    expect(cause.details?.[0]).toEqual({
      en: `Monitoring return 1 is not open yet: it can be sent from ${readableDate(current.opensAt, 'en', 'dayAndTime')}, and is due by ${readableDate(current.dueAt, 'en')}`,
      cy: `Nid yw ffurflen fonitro 1 ar agor eto: gellir ei hanfon o ${readableDate(current.opensAt, 'cy', 'dayAndTime')} ymlaen, ac mae’n ddyledus erbyn ${readableDate(current.dueAt, 'cy')}`,
    });
    expect(await prisma.monitoringReturn.count({ where: { awardReference: reference } })).toBe(0);
    await handle.terminate('the test is over');
  });

  it('records an event once however often the activity is retried', async () => {
    const reference = await awardReference();
    const activities = createActivities({ prisma, mailer: fileMailbox(temporal.mailboxDir, 'Cymuned <no-reply@cymuned.example>') });
    const context = new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') });
    const escalation: m.MonitoringEventRecord = {
      awardReference: reference,
      organisationId: group.id,
      kind: 'escalated',
      period: 2,
      periods: 5,
      at: now(),
      actor: null,
      dueAt: now(),
      notify: ['case_officer', 'case_officer_manager'],
    };
    expect(await context.run(activities.recordMonitoringEvent, escalation)).toBe(true);
    expect(await context.run(activities.recordMonitoringEvent, escalation)).toBe(false);
    expect(await prisma.auditRecord.count({ where: { stream: reference } })).toBe(1);
    expect(await prisma.notification.count({ where: { reference } })).toBe(2);
    expect(await prisma.monitoringReturn.findUnique({ where: { awardReference_period: { awardReference: reference, period: 2 } } })).toMatchObject({
      status: 'overdue',
    });
    // Sent once, then nothing left to send.
    expect(await context.run(activities.deliverNotifications, { reference, idPrefix: m.monitoringNotificationPrefix(reference, 2, 'escalated') })).toBe(2);
    expect(await context.run(activities.deliverNotifications, { reference, idPrefix: m.monitoringNotificationPrefix(reference, 2, 'escalated') })).toBe(0);
  });

  it('has no returns to wait for when the period is shorter than one interval, and closes at once', async () => {
    const reference = await awardReference();
    const handle = await startMonitoring(reference, await monitoringPolicy({ ...seconds, period: '2 seconds' }));
    const final = await handle.result();
    expect(final).toMatchObject({ periods: 0, current: null, previous: [], closed: true });
    expect(await prisma.monitoringReturn.count({ where: { awardReference: reference } })).toBe(0);
    expect((await prisma.auditRecord.findMany({ where: { stream: reference } })).map((a) => a.command)).toEqual(['cfp.monitoring.closed']);
  });
});
