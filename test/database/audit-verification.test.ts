import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditRecord } from '../../src/audit/append-audit-record.js';
import { auditRecordHash } from '../../src/audit/audit-hash.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { migratedDatabase, type TestDatabase } from '../support/database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const caseA = 'ENQ-2026-000201';
const caseB = 'ENQ-2026-000202';

describe('verifying the audit trail', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  /** audit_record.id of each record, by stream and sequence. */
  let ids: Record<string, string[]>;

  // A fresh database each time: tampering is for good.
  beforeEach(async () => {
    database = await migratedDatabase();
    prisma = createPrisma(database.url);
    ids = { [caseA]: [], [caseB]: [] };
    for (const [stream, steps] of [
      [caseA, 3],
      [caseB, 2],
    ] as const) {
      for (let step = 1; step <= steps; step++) {
        const { id } = await prisma.$transaction((tx) =>
          appendAuditRecord(tx, {
            stream,
            occurredAt: new Date(Date.UTC(2026, 10, 23, 10, step)),
            actor: { personId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d', role: 'caseworker', organisationId: null },
            requestId: `req-${stream}-${step}`,
            command: 'enquiry.note',
            summary: { cy: `Ychwanegodd swyddog yr achos nodyn ${step}`, en: `The case officer added note ${step}` },
            changes: { note: step, detail: { by: 'caseworker' } },
          }),
        );
        ids[stream]?.push(id);
      }
    }
  });

  afterEach(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** What someone with the database's superuser could do: switch the guard off, edit, switch it back on. */
  async function tamper(sql: string, values: unknown[]): Promise<void> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only');
      const { rowCount } = await client.query(sql, values);
      expect(rowCount).toBe(1);
      await client.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }

  const idOf = (stream: string, sequence: number) => ids[stream]?.[sequence - 1] ?? '';

  it('passes whole chains, read a few records at a time', async () => {
    await expect(verifyAuditChain(prisma, { batchSize: 2 })).resolves.toEqual({ ok: true, streams: 2, records: 5 });
    await expect(verifyAuditChain(prisma, { stream: caseB })).resolves.toEqual({ ok: true, streams: 1, records: 2 });
    await expect(verifyAuditChain(prisma, { stream: 'ENQ-2026-999999' })).resolves.toEqual({ ok: true, streams: 0, records: 0 });
  });

  it('fails at the record whose changes were altered', async () => {
    await tamper(`UPDATE audit_record SET changes = '{"note": 20, "detail": {"by": "caseworker"}}' WHERE id = $1`, [idOf(caseA, 2)]);

    const expected = { ok: false, stream: caseA, sequence: 2, id: idOf(caseA, 2), reason: 'its contents do not match its hash: the record was altered' };
    await expect(verifyAuditChain(prisma)).resolves.toEqual(expected);
    await expect(verifyAuditChain(prisma, { batchSize: 1 })).resolves.toEqual(expected);
    // The other case's chain is untouched.
    await expect(verifyAuditChain(prisma, { stream: caseB })).resolves.toEqual({ ok: true, streams: 1, records: 2 });
  });

  it('fails at the record whose plain-words summary was altered', async () => {
    await tamper(`UPDATE audit_record SET summary_cy = 'Ni wnaeth neb ddim' WHERE id = $1`, [idOf(caseA, 2)]);
    await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ ok: false, stream: caseA, sequence: 2, id: idOf(caseA, 2) });
  });

  it('fails at the record whose time was altered by a millisecond', async () => {
    await tamper(`UPDATE audit_record SET occurred_at = occurred_at + interval '1 millisecond' WHERE id = $1`, [idOf(caseB, 2)]);
    await expect(verifyAuditChain(prisma, { batchSize: 2 })).resolves.toMatchObject({ ok: false, stream: caseB, sequence: 2 });
  });

  it('fails at the next record when the altered record’s hash was recomputed too', async () => {
    const row = await prisma.auditRecord.findUniqueOrThrow({ where: { id: BigInt(idOf(caseA, 2)) } });
    const forged = { ...row, changes: { note: 20, detail: { by: 'caseworker' } } };
    await tamper(`UPDATE audit_record SET changes = $2, hash = $3 WHERE id = $1`, [idOf(caseA, 2), JSON.stringify(forged.changes), auditRecordHash(forged)]);

    const expected = {
      ok: false,
      stream: caseA,
      sequence: 3,
      id: idOf(caseA, 3),
      reason: 'its previous hash is not the hash of #2: one of the two was altered',
    };
    await expect(verifyAuditChain(prisma)).resolves.toEqual(expected);
    // #2 ends the first batch and #3 starts the second: the link is carried across.
    await expect(verifyAuditChain(prisma, { batchSize: 2 })).resolves.toEqual(expected);
  });

  it('fails where a record was deleted from the middle of a chain', async () => {
    await tamper('DELETE FROM audit_record WHERE id = $1', [idOf(caseA, 2)]);
    await expect(verifyAuditChain(prisma)).resolves.toEqual({
      ok: false,
      stream: caseA,
      sequence: 3,
      id: idOf(caseA, 3),
      reason: 'record #2 is missing before it',
    });
  });

  it('fails where the first record of a chain was deleted', async () => {
    await tamper('DELETE FROM audit_record WHERE id = $1', [idOf(caseB, 1)]);
    await expect(verifyAuditChain(prisma)).resolves.toEqual({
      ok: false,
      stream: caseB,
      sequence: 2,
      id: idOf(caseB, 2),
      reason: 'record #1 is missing before it',
    });
  });

  describe('npm run audit:verify', () => {
    function verifyCommand(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }

    it('exits 0 and says how much it checked when every chain is whole', async () => {
      await expect(verifyCommand({ DATABASE_URL: database.url })).resolves.toEqual({
        code: 0,
        stdout: 'Audit trail verified: 5 records in 2 streams\n',
        stderr: '',
      });
    });

    it('exits 1 naming the first broken record, and checks one stream when asked', async () => {
      await tamper(`UPDATE audit_record SET summary_en = 'Nothing happened' WHERE id = $1`, [idOf(caseA, 2)]);

      await expect(verifyCommand({ DATABASE_URL: database.url })).resolves.toEqual({
        code: 1,
        stdout: `Audit trail broken at ${caseA} #2 (record ${idOf(caseA, 2)}): its contents do not match its hash: the record was altered\n`,
        stderr: '',
      });
      await expect(verifyCommand({ DATABASE_URL: database.url }, '--stream', caseB)).resolves.toMatchObject({
        code: 0,
        stdout: 'Audit trail verified: 2 records in 1 stream\n',
      });
    });

    it('exits 1 with a readable message when it has no database to check', async () => {
      const result = await verifyCommand({});
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^audit:verify: DATABASE_URL is not set/);
    });
  });
});
