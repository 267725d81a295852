import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../src/activities/index.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { fileMailbox } from '../../src/notifications/file-mailbox.js';
import { runWithRequestId } from '../../src/primitives/request-context.js';
import { ENQUIRY_WORKFLOW, type EnquiryReceived } from '../../src/workflows/enquiry.messages.js';
import { migratedDatabase, type TestDatabase } from '../support/database.js';
import { recordHistory } from '../support/histories.js';
import { connectTemporal, type TemporalTestContext } from '../support/temporal.js';

describe('enquiry workflow', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let temporal: TemporalTestContext;

  beforeAll(async () => {
    database = await migratedDatabase();
    prisma = createPrisma(database.url);
    temporal = await connectTemporal();
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await temporal?.teardown();
    await database?.drop();
  });

  const organisationId = '6d1c3f4e-0000-4000-8000-000000000001';
  const personId = '6d1c3f4e-0000-4000-8000-000000000002';
  const enquiry = (reference: string): EnquiryReceived => ({
    reference,
    organisationName: 'Neuadd Bentref Llanfair',
    contactEmail: 'ysgrifennydd@example.cymru',
    message: 'Hoffem drafod prynu’r neuadd.',
    language: 'cy',
    organisationId,
    submittedBy: { personId, role: 'applicant_lead' },
    receivedAt: '2026-11-23T10:00:00.000Z',
  });

  it('records the enquiry in the read model, stamped with the request id that started it', async () => {
    const worker = await temporal.createWorker(prisma);
    const handle = await runWithRequestId('req-enquiry-test-1', () =>
      temporal.client.workflow.start(ENQUIRY_WORKFLOW, {
        workflowId: 'ENQ-2026-900001',
        taskQueue: temporal.taskQueue,
        args: [enquiry('ENQ-2026-900001')],
      }),
    );
    await worker.runUntil(handle.result());

    const row = await prisma.enquiry.findUniqueOrThrow({ where: { reference: 'ENQ-2026-900001' } });
    expect(row).toMatchObject({
      organisationName: 'Neuadd Bentref Llanfair',
      language: 'cy',
      status: 'received',
      requestId: 'req-enquiry-test-1',
    });
    expect(row.receivedAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    // Its audit record names who sent it, in which role, for which group, under which request.
    const audit = await prisma.auditRecord.findMany({ where: { stream: 'ENQ-2026-900001' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      sequence: 1,
      command: 'enquiry.submit',
      actorId: personId,
      actorRole: 'applicant_lead',
      organisationId,
      requestId: 'req-enquiry-test-1',
      summaryEn: 'Your group sent an enquiry',
    });
    await recordHistory('enquiry-recorded', handle);
  });

  it('records once however often the activity is retried', async () => {
    // A worker that crashes after the write but before reporting completion runs the activity again.
    const activities = createActivities({ prisma, mailer: fileMailbox(temporal.mailboxDir, 'Cymuned <no-reply@cymuned.example>') });
    const context = new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') });
    await context.run(activities.recordEnquiry, enquiry('ENQ-2026-900002'));
    await context.run(activities.recordEnquiry, { ...enquiry('ENQ-2026-900002'), message: 'a retry never rewrites' });

    const rows = await prisma.enquiry.findMany({ where: { reference: 'ENQ-2026-900002' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.message).toBe('Hoffem drafod prynu’r neuadd.');
    expect(await prisma.auditRecord.count({ where: { stream: 'ENQ-2026-900002' } })).toBe(1);
  });
});
