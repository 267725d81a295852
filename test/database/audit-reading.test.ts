import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditRecord } from '../../src/audit/append-audit-record.js';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import { caseHistory } from '../../src/audit/case-history.js';
import { listAuditRecords, type AuditRecordView } from '../../src/audit/list-audit-records.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { AppError } from '../../src/domain/app-error.js';
import { migratedDatabase, type TestDatabase } from '../support/database.js';

const group = '0b7e3f7a-2c1d-4e8f-a9b0-c1d2e3f4a5b6';
const otherGroup = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const caseworker = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const applicantLead = '6f1c2a5e-8a44-4b5e-9d1c-0a1b2c3d4e5f';
const reference = 'ENQ-2026-000301';

// One case's story, as the commands on it would record it.
const story: AuditEntry[] = [
  {
    stream: reference,
    occurredAt: new Date('2026-11-23T10:00:00.000Z'),
    actor: { personId: applicantLead, role: 'applicant_lead', organisationId: group },
    requestId: 'req-submit',
    command: 'enquiry.submit',
    summary: { cy: 'Anfonodd eich grŵp ymholiad', en: 'Your group sent an enquiry' },
    changes: { status: { from: null, to: 'received' } },
  },
  {
    stream: reference,
    occurredAt: new Date('2026-11-23T10:00:05.000Z'),
    actor: null,
    command: 'enquiry.acknowledge',
    summary: { cy: 'Cafodd eich ymholiad ei gydnabod', en: 'Your enquiry was acknowledged' },
    changes: { status: { from: 'received', to: 'acknowledged' } },
  },
  {
    stream: reference,
    occurredAt: new Date('2026-11-24T09:30:00.000Z'),
    actor: { personId: caseworker, role: 'caseworker', organisationId: null },
    requestId: 'req-ask',
    command: 'enquiry.request_information',
    summary: { cy: 'Gofynnodd swyddog yr achos am ragor o wybodaeth', en: 'The case officer asked for more information' },
    changes: { status: { from: 'acknowledged', to: 'awaiting_information' }, question: 'Pwy sy’n berchen ar y neuadd?' },
  },
];

const otherCase: AuditEntry = {
  ...story[0]!,
  stream: 'ENQ-2026-000302',
  actor: { personId: applicantLead, role: 'applicant_lead', organisationId: otherGroup },
  occurredAt: new Date('2026-11-25T08:00:00.000Z'),
};

describe('reading the audit trail', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await migratedDatabase();
    prisma = createPrisma(database.url);
    for (const entry of [...story, otherCase]) await prisma.$transaction((tx) => appendAuditRecord(tx, entry));
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe('for administrators', () => {
    it('lists everything in each record, newest first', async () => {
      const { records, nextCursor } = await listAuditRecords(prisma, { limit: 10 });
      expect(nextCursor).toBeNull();
      expect(records.map((record) => [record.stream, record.sequence])).toEqual([
        ['ENQ-2026-000302', 1],
        [reference, 3],
        [reference, 2],
        [reference, 1],
      ]);
      expect(records[1]).toEqual({
        id: expect.stringMatching(/^\d+$/) as string,
        stream: reference,
        sequence: 3,
        occurredAt: '2026-11-24T09:30:00.000Z',
        actorId: caseworker,
        actorRole: 'caseworker',
        organisationId: null,
        requestId: 'req-ask',
        command: 'enquiry.request_information',
        summary: { cy: 'Gofynnodd swyddog yr achos am ragor o wybodaeth', en: 'The case officer asked for more information' },
        changes: { status: { from: 'acknowledged', to: 'awaiting_information' }, question: 'Pwy sy’n berchen ar y neuadd?' },
        previousHash: records[2]?.hash ?? '',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      } satisfies AuditRecordView);
      // Plain data, ready to send as JSON.
      expect(JSON.parse(JSON.stringify(records))).toEqual(records);
    });

    it('pages through with a cursor, missing nothing and repeating nothing', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await listAuditRecords(prisma, { limit: 3, cursor });
        seen.push(...page.records.map((record) => `${record.stream}#${record.sequence}`));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(['ENQ-2026-000302#1', `${reference}#3`, `${reference}#2`, `${reference}#1`]);
    });

    it('narrows to one case or one organisation', async () => {
      const ofCase = await listAuditRecords(prisma, { stream: reference, limit: 2 });
      expect(ofCase.records.map((record) => record.sequence)).toEqual([3, 2]);
      expect(ofCase.nextCursor).not.toBeNull();

      const ofGroup = await listAuditRecords(prisma, { organisationId: group.toUpperCase(), limit: 10 });
      expect(ofGroup.records.map((record) => record.command)).toEqual(['enquiry.submit']);
      expect(ofGroup.records[0]?.stream).toBe(reference);
    });

    it('refuses a bad page size or cursor, in Welsh and English', async () => {
      for (const options of [
        { limit: 0 },
        { limit: 201 },
        { limit: 10, cursor: 'abc' },
        { limit: 10, cursor: '99999999999999999999' },
        { limit: 10, organisationId: 'x' },
      ]) {
        const error = await listAuditRecords(prisma, options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: 'invalid_input', detail: { cy: expect.any(String) as string, en: expect.any(String) as string } });
      }
    });
  });

  describe('for applicants', () => {
    it('tells the story of their case in Welsh, oldest first', async () => {
      await expect(caseHistory(prisma, reference, 'cy')).resolves.toEqual([
        { at: '2026-11-23T10:00:00.000Z', summary: 'Anfonodd eich grŵp ymholiad' },
        { at: '2026-11-23T10:00:05.000Z', summary: 'Cafodd eich ymholiad ei gydnabod' },
        { at: '2026-11-24T09:30:00.000Z', summary: 'Gofynnodd swyddog yr achos am ragor o wybodaeth' },
      ]);
    });

    it('and in English, with no codes or staff ids in it', async () => {
      const history = await caseHistory(prisma, reference, 'en');
      expect(history.map((step) => step.summary)).toEqual([
        'Your group sent an enquiry',
        'Your enquiry was acknowledged',
        'The case officer asked for more information',
      ]);
      const text = JSON.stringify(history);
      for (const internal of [caseworker, applicantLead, 'caseworker', 'enquiry.', 'req-']) expect(text).not.toContain(internal);
    });

    it('has nothing to tell for a case with no records, and no case history of other streams', async () => {
      await expect(caseHistory(prisma, 'ENQ-2026-999999', 'en')).resolves.toEqual([]);
      await expect(caseHistory(prisma, 'system', 'cy')).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
});
