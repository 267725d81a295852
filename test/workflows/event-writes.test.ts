import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import { formatCaseReference } from '../../src/domain/case-reference.js';
import { listFailures } from '../../src/operations/admin/list-failures.js';
import { runWithRequestId } from '../../src/primitives/request-context.js';
import * as m from '../../src/workflows/cfp-application.messages.js';
import { actor, area, eoiAnswers, now, testPolicy } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { createOrganisation, createPerson } from '../support/people.js';
import { connectTemporal, writingHandle, type TemporalTestContext } from '../support/temporal.js';
import { fileMailbox } from '../../src/notifications/file-mailbox.js';
import type { Mailer } from '../../src/notifications/mailer.js';

// How a case's events reach PostgreSQL, against the real dev server and database: what the history holds
// is written, once, under the request that caused it; data the database refuses is kept out without
// stopping the case; a sequence recorded as something else is never taken for a retry.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

describe('writing case events', () => {
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  let lead: m.CommandActor;
  let caseworker: m.CommandActor;
  let group: { id: string; name: string };
  let counter = 0;

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    group = await createOrganisation(prisma, { name: 'Neuadd Goffa Llanfair' });
    const leadPerson = await createPerson(prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const caseworkerPerson = await createPerson(prisma, { grants: [{ role: 'caseworker' }] });
    lead = actor(leadPerson.id, 'applicant_lead', group.id);
    caseworker = actor(caseworkerPerson.id, 'caseworker');
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.teardown();
  });

  const nextReference = () => formatCaseReference('CFP', 2026, 600_000 + ++counter + Math.floor(Math.random() * 300_000));

  async function startCase(projectTitle = 'Cegin newydd', reference = nextReference()): Promise<WorkflowHandle> {
    const policy = await testPolicy();
    return temporal.client.workflow.start(m.CFP_APPLICATION_WORKFLOW, {
      workflowId: reference,
      taskQueue: temporal.taskQueue,
      args: [{ reference, policy, organisation: group, language: 'cy', projectTitle, createdBy: lead, at: now() } satisfies m.CfpApplicationStart],
    });
  }

  const note = (handle: WorkflowHandle, text: string, at = now()) => handle.executeUpdate(m.addNote, { args: [{ actor: caseworker, at, text }] });
  const events = (reference: string) => prisma.caseEvent.findMany({ where: { reference }, orderBy: { sequence: 'asc' } });

  it('stores text with a lone surrogate that reached the workflow, as the replacement character, and the case answers on', async () => {
    // The API refuses such text; this is the case where something let it through anyway.
    const handle = await startCase('Neuadd\ud800');
    const result = await note(handle, 'Nodyn\udfff');
    expect(result.sequence).toBe(2);
    await eventually(async () => ((await events(handle.workflowId)).length === 2 ? true : undefined));
    const [started, noted] = await events(handle.workflowId);
    expect(started?.payload).toMatchObject({ projectTitle: 'Neuadd\ufffd' });
    expect(noted?.payload).toEqual({ text: 'Nodyn\ufffd' });
    const row = await prisma.application.findUniqueOrThrow({ where: { reference: handle.workflowId } });
    expect(row.projectTitle).toBe('Neuadd\ufffd');
    expect(row.lastEventSequence).toBe(2);
  });

  const failuresOf = (reference: string) => prisma.eventWriteFailure.findMany({ where: { reference } });
  async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const value = await probe();
      if (value !== undefined) return value;
    }
    throw new Error('not within 20 s');
  }

  it('keeps out an event the database refuses, tells staff, and goes on with the case and the others', async () => {
    const handle = await startCase();
    const other = await startCase();
    // A date PostgreSQL cannot store; only a command sent straight to Temporal can carry one. The
    // workflow takes the command (its events are written after), so the Update itself succeeds.
    expect((await note(handle, 'Ni ellir ei gadw', 'not a date')).sequence).toBe(2);
    const [failure] = await eventually(async () => ((await failuresOf(handle.workflowId)).length > 0 ? failuresOf(handle.workflowId) : undefined));
    expect(failure).toMatchObject({ reference: handle.workflowId, sequence: 2, type: 'note.added' });
    const listed = await listFailures({ prisma, now: new Date() });
    expect(listed.events.map((event) => [event.reference, event.sequence])).toContainEqual([handle.workflowId, 2]);

    // The same case still answers, and its next event is written after the gap.
    expect((await note(handle, 'Wedi ei gadw')).sequence).toBe(3);
    await eventually(async () => ((await events(handle.workflowId)).length === 2 ? true : undefined));
    expect((await events(handle.workflowId)).map((event) => [event.sequence, event.type])).toEqual([
      [1, 'application.started'],
      [3, 'note.added'],
    ]);
    expect((await note(other, 'Achos arall')).sequence).toBe(2);
  });

  it('refuses to take a sequence recorded as a different event for one already written', async () => {
    const reference = nextReference();
    // What a lost workflow task left behind before events were written from the history: an event the
    // history never kept, at the sequence the case's next real event will have.
    await prisma.caseEvent.create({
      data: {
        reference,
        sequence: 2,
        type: 'eoi.invited',
        status: 'invited',
        occurredAt: new Date(),
        payload: {},
        summaryCy: 'Gwahoddwyd',
        summaryEn: 'Invited',
      },
    });
    const handle = await startCase('Cae chwarae', reference);
    await note(handle, 'Nodyn go iawn');
    const [failure] = await eventually(async () => ((await failuresOf(reference)).length > 0 ? failuresOf(reference) : undefined));
    expect(failure?.reason).toContain('is recorded as eoi.invited, not note.added');
    expect((await events(reference)).map((event) => event.type)).toEqual(['application.started', 'eoi.invited']);
    expect(await prisma.auditRecord.count({ where: { stream: reference } })).toBe(1);
  });

  it('writes each event under the request that caused it, also when commands arrive together', async () => {
    const handle = await startCase();
    const texts = Array.from({ length: 8 }, (_, i) => `Nodyn ${i}`);
    await Promise.all(texts.map((text, i) => runWithRequestId(`request-${i}-of-together`, () => note(handle, text))));
    await eventually(async () => ((await events(handle.workflowId)).length === texts.length + 1 ? true : undefined));
    const notes = (await events(handle.workflowId)).filter((event) => event.type === 'note.added');
    expect(notes).toHaveLength(texts.length);
    for (const event of notes) {
      const i = texts.indexOf((event.payload as { text: string }).text);
      expect(event.requestId).toBe(`request-${i}-of-together`);
    }
    // Some of them were written together, in one activity: what the test is about.
    const history = (await handle.fetchHistory()).events ?? [];
    const batches = history.flatMap((e) => {
      const input = e.activityTaskScheduledEventAttributes?.input?.payloads?.[0];
      return e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseEvents' && input
        ? [defaultPayloadConverter.fromPayload<m.CaseEventRecord[]>(input).length]
        : [];
    });
    expect(Math.max(...batches)).toBeGreaterThan(1);
    const audited = await prisma.auditRecord.findMany({ where: { stream: handle.workflowId, command: 'cfp.note.added' } });
    for (const record of audited) {
      const event = notes.find((candidate) => candidate.sequence === (record.changes as { sequence: number }).sequence);
      expect(record.requestId).toBe(event?.requestId);
    }
  });

  it('sends an event’s mail with its write, and what the mail service refused then by an activity that retries', async () => {
    // A worker of its own whose mail relay fails its first two sends, then recovers.
    const own = await connectTemporal();
    const mailbox = fileMailbox(own.mailboxDir, 'Cymuned <no-reply@cymuned.example>');
    let sends = 0;
    const flaky: Mailer = {
      send: async (message) => {
        sends += 1;
        if (sends <= 2) throw new Error('relay unavailable');
        await mailbox.send(message);
      },
    };
    const ownWorker = await own.createWorker(prisma, { mailer: flaky });
    const ownRunning = ownWorker.run();
    try {
      const reference = nextReference();
      const handle = writingHandle(
        prisma,
        await own.client.workflow.start(m.CFP_APPLICATION_WORKFLOW, {
          workflowId: reference,
          taskQueue: own.taskQueue,
          args: [
            {
              reference,
              policy: await testPolicy(),
              organisation: group,
              language: 'cy',
              projectTitle: 'Neuadd',
              createdBy: lead,
              at: now(),
            } satisfies m.CfpApplicationStart,
          ],
        }),
      );
      await handle.executeUpdate(m.saveEoi, { args: [{ actor: lead, at: now(), answers: eoiAnswers(), area }] });
      await handle.executeUpdate(m.submitEoi, {
        args: [{ actor: lead, at: now(), legalForm: 'charitable_incorporated_organisation', recentAwards: { count: 0, totalPence: 0 } }],
      });
      // The group's lead is told the expression of interest was sent: not at once, but once the relay is back.
      await eventually(async () => ((await prisma.notification.count({ where: { reference, sentAt: { not: null } } })) > 0 ? true : undefined));
      expect(await prisma.notification.count({ where: { reference, sentAt: null } })).toBe(0);
      const history = (await handle.fetchHistory()).events ?? [];
      const deliveries = history.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotifications');
      expect(deliveries).toHaveLength(1);
      expect(sends).toBeGreaterThan(2);
      await handle.executeUpdate(m.withdraw, { args: [{ actor: lead, at: now(), reason: 'Diwedd y prawf' }] });
      // Mail that goes with its write needs no activity of its own.
      const after = (await handle.fetchHistory()).events ?? [];
      expect(after.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotifications')).toHaveLength(1);
    } finally {
      ownWorker.shutdown();
      await ownRunning;
      await own.teardown();
    }
  });
});
