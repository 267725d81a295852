import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import { GENESIS_HASH, auditRecordHash, type HashedAuditFields } from './audit-hash.js';

export type AuditChainVerification =
  { ok: true; streams: number; records: number } | { ok: false; stream: string; sequence: number; id: string; reason: string };

export interface VerifyAuditChainOptions {
  /** Verify this stream only. */
  stream?: string;
  /** Records read per query. */
  batchSize?: number;
}

/** A row as read back: what the hash covers, plus the id and the hash itself. */
type StoredAuditRecord = HashedAuditFields & { id: bigint; hash: string };

interface Position {
  stream: string;
  sequence: number;
}

/**
 * Walks every stream (or one) in sequence order and reports the first record that breaks its chain:
 * a missing sequence number, a previous hash that is not the hash of the record before, or contents that
 * no longer give the record's own hash. An edit to a record's contents is found at that record; an edit
 * that also recomputed its hash is found at the next one.
 *
 * What it cannot see: records cut off the end of a stream, or a whole stream removed, leave a chain
 * that is still whole.
 */
export async function verifyAuditChain(prisma: PrismaClient, options: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number from 1, not ${batchSize}`);
  let streams = 0;
  let records = 0;
  let previous: (Position & { hash: string }) | undefined;

  for (;;) {
    const batch = await readBatch(prisma, previous, options.stream, batchSize);
    for (const record of batch) {
      const before = previous?.stream === record.stream ? previous : undefined;
      if (!before) streams += 1;
      const expectedSequence = before ? before.sequence + 1 : 1;
      const expectedPreviousHash = before ? before.hash : GENESIS_HASH;
      const reason = breakIn(record, expectedSequence, expectedPreviousHash);
      if (reason) return { ok: false, stream: record.stream, sequence: record.sequence, id: record.id.toString(), reason };
      records += 1;
      previous = { stream: record.stream, sequence: record.sequence, hash: record.hash };
    }
    if (batch.length < batchSize) return { ok: true, streams, records };
  }
}

function breakIn(record: StoredAuditRecord, expectedSequence: number, expectedPreviousHash: string): string | undefined {
  if (record.sequence !== expectedSequence) {
    const missing = record.sequence - 1 === expectedSequence ? `#${expectedSequence} is` : `#${expectedSequence} to #${record.sequence - 1} are`;
    return record.sequence > expectedSequence ? `record ${missing} missing before it` : `expected sequence #${expectedSequence}, found #${record.sequence}`;
  }
  if (record.previousHash !== expectedPreviousHash) {
    return expectedSequence === 1
      ? 'the first record of its stream does not start from the genesis hash'
      : `its previous hash is not the hash of #${expectedSequence - 1}: one of the two was altered`;
  }
  if (auditRecordHash(record) !== record.hash) return 'its contents do not match its hash: the record was altered';
  return undefined;
}

/**
 * The next records after `after` in (stream, sequence) order. A row comparison on the (stream, sequence)
 * unique index, so each batch starts where the last ended however many records there are.
 */
function readBatch(prisma: PrismaClient, after: Position | undefined, stream: string | undefined, batchSize: number): Promise<StoredAuditRecord[]> {
  const conditions: Prisma.Sql[] = [];
  if (after) conditions.push(Prisma.sql`(stream, sequence) > (${after.stream}, ${after.sequence})`);
  if (stream !== undefined) conditions.push(Prisma.sql`stream = ${stream}`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  return prisma.$queryRaw<StoredAuditRecord[]>`
    SELECT id, stream, sequence, occurred_at AS "occurredAt", actor_id AS "actorId", actor_role AS "actorRole",
           organisation_id AS "organisationId", request_id AS "requestId", command, summary_cy AS "summaryCy",
           summary_en AS "summaryEn", changes, previous_hash AS "previousHash", hash
    FROM audit_record
    ${where}
    ORDER BY stream, sequence
    LIMIT ${batchSize}`;
}
