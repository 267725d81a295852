import { describe, expect, it } from 'vitest';
import { appendAuditRecord } from '../../src/audit/append-audit-record.js';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import { GENESIS_HASH } from '../../src/audit/audit-hash.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { useMigratedDatabase } from '../support/database.js';

const applicant = { personId: '6f1c2a5e-8a44-4b5e-9d1c-0a1b2c3d4e5f', role: 'applicant_lead', organisationId: '0b7e3f7a-2c1d-4e8f-a9b0-c1d2e3f4a5b6' } as const;

function entry(stream: string, step: number): AuditEntry {
  return {
    stream,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 10, step)),
    actor: applicant,
    requestId: `req-${step}`,
    command: 'enquiry.note',
    summary: { cy: `Ychwanegodd y grŵp nodyn ${step}`, en: `The group added note ${step}` },
    changes: { note: step },
  };
}

describe('appending to the audit trail', () => {
  let prisma: PrismaClient;
  useMigratedDatabase((client) => (prisma = client));

  const append = (auditEntry: AuditEntry) => prisma.$transaction((tx) => appendAuditRecord(tx, auditEntry));

  it('links each record of a stream to the one before, from the genesis hash', async () => {
    const stream = 'ENQ-2026-000101';
    const appended = [];
    for (const step of [1, 2, 3]) appended.push(await append(entry(stream, step)));

    expect(appended.map((record) => record.sequence)).toEqual([1, 2, 3]);
    const rows = await prisma.auditRecord.findMany({ where: { stream }, orderBy: { sequence: 'asc' } });
    expect(rows.map((row) => row.previousHash)).toEqual([GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
    expect(rows.map((row) => row.hash)).toEqual(appended.map((record) => record.hash));
    expect(rows[2]).toMatchObject({
      actorId: applicant.personId,
      actorRole: 'applicant_lead',
      organisationId: applicant.organisationId,
      requestId: 'req-3',
      command: 'enquiry.note',
      summaryCy: 'Ychwanegodd y grŵp nodyn 3',
      changes: { note: 3 },
    });
    await expect(verifyAuditChain(prisma, { stream })).resolves.toEqual({ ok: true, streams: 1, records: 3 });
  });

  it('keeps each stream its own chain', async () => {
    const [first] = await Promise.all([append(entry('ENQ-2026-000102', 1)), append({ ...entry('system', 1), actor: null })]);
    expect(first.sequence).toBe(1);
    const system = await prisma.auditRecord.findFirstOrThrow({ where: { stream: 'system' } });
    expect(system).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH, actorId: null, actorRole: null, organisationId: null });
  });

  it('gives concurrent commands on one case one unbroken sequence', async () => {
    const stream = 'ENQ-2026-000103';
    // Each in its own transaction, all at once: without the stream lock two would read the same last record.
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        prisma.$transaction((tx) => appendAuditRecord(tx, entry(stream, index + 1)), { maxWait: 30_000, timeout: 30_000 }),
      ),
    );

    expect(appended.map((record) => record.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    await expect(verifyAuditChain(prisma, { stream })).resolves.toEqual({ ok: true, streams: 1, records: 20 });
  });

  it('records nothing when the change it describes rolls back', async () => {
    const stream = 'ENQ-2026-000104';
    const failing = prisma.$transaction(async (tx) => {
      await tx.enquiry.create({
        data: {
          reference: stream,
          organisationName: 'Neuadd Bentref Llanfair',
          contactEmail: 'clerc@example.cymru',
          message: 'Helo',
          language: 'cy',
          status: 'received',
          receivedAt: new Date(),
        },
      });
      await appendAuditRecord(tx, entry(stream, 1));
      throw new Error('the change failed after both writes');
    });

    await expect(failing).rejects.toThrow('the change failed after both writes');
    expect(await prisma.enquiry.count({ where: { reference: stream } })).toBe(0);
    expect(await prisma.auditRecord.count({ where: { stream } })).toBe(0);
    // The next command on the case starts the chain as if nothing had happened.
    await expect(append(entry(stream, 2))).resolves.toMatchObject({ sequence: 1 });
  });

  it('records a retried command once when its change is guarded (the contract for activities)', async () => {
    const reference = 'ENQ-2026-000105';
    await prisma.enquiry.create({
      data: {
        reference,
        organisationName: 'Neuadd Bentref Llanfair',
        contactEmail: 'clerc@example.cymru',
        message: 'Helo',
        language: 'cy',
        status: 'received',
        receivedAt: new Date(),
      },
    });
    // What an activity would do; a worker that crashes after the commit runs it again.
    const acknowledge = () =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.enquiry.updateMany({ where: { reference, status: 'received' }, data: { status: 'acknowledged' } });
        if (count === 1) {
          await appendAuditRecord(tx, {
            ...entry(reference, 1),
            actor: null,
            command: 'enquiry.acknowledge',
            summary: { cy: 'Cafodd yr ymholiad ei gydnabod', en: 'The enquiry was acknowledged' },
            changes: { status: { from: 'received', to: 'acknowledged' } },
          });
        }
      });

    await acknowledge();
    await acknowledge();
    expect(await prisma.auditRecord.count({ where: { stream: reference } })).toBe(1);
  });

  it('must be given a transaction, so the record commits with its change', async () => {
    // @ts-expect-error: the PrismaClient is refused by the type as well.
    const outside = appendAuditRecord(prisma, entry('ENQ-2026-000106', 1));
    await expect(outside).rejects.toThrow(/prisma\.\$transaction/);
    await expect(prisma.$transaction((tx) => appendAuditRecord(tx, entry('ENQ-2026-000106', 1)), { isolationLevel: 'RepeatableRead' })).rejects.toThrow(
      /READ COMMITTED/,
    );
    expect(await prisma.auditRecord.count({ where: { stream: 'ENQ-2026-000106' } })).toBe(0);
  });

  it('refuses entries it could not verify later', async () => {
    await expect(append({ ...entry('enquiry 1', 1) })).rejects.toThrow(/Not an audit stream/);
    await expect(append({ ...entry('ENQ-2026-000107', 1), changes: { amount: Number.NaN } })).rejects.toThrow(/NaN/);
  });

  describe('the database itself', () => {
    it('refuses to change a record', async () => {
      const { id } = await append(entry('ENQ-2026-000108', 1));
      await expect(prisma.auditRecord.update({ where: { id: BigInt(id) }, data: { summaryEn: 'Nothing happened' } })).rejects.toThrow(
        /audit records are append-only \(UPDATE refused\)/,
      );
      await expect(prisma.$executeRaw`UPDATE audit_record SET changes = '{}'`).rejects.toThrow(/append-only \(UPDATE refused\)/);
    });

    it('refuses to delete or truncate records', async () => {
      const { id } = await append(entry('ENQ-2026-000109', 1));
      await expect(prisma.auditRecord.delete({ where: { id: BigInt(id) } })).rejects.toThrow(/audit records are append-only \(DELETE refused\)/);
      await expect(prisma.auditRecord.deleteMany({})).rejects.toThrow(/append-only \(DELETE refused\)/);
      await expect(prisma.$executeRaw`TRUNCATE audit_record`).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
      expect(await prisma.auditRecord.count({ where: { id: BigInt(id) } })).toBe(1);
    });
  });

  it('leaves every chain whole', async () => {
    const result = await verifyAuditChain(prisma, { batchSize: 7 });
    expect(result).toMatchObject({ ok: true });
  });
});
