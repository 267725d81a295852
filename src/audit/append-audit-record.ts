import type { Prisma } from '../../generated/prisma/client.js';
import type { AuditEntry } from './audit-entry.js';
import { auditFields } from './audit-fields.js';
import { guardCommandOnce } from './command-commit.js';
import { GENESIS_HASH, auditRecordHash } from './audit-hash.js';

/**
 * The client of an interactive transaction (`prisma.$transaction(async (tx) => …)`). The PrismaClient
 * itself is refused by the type: outside a transaction the stream lock below would be let go at once and
 * the record could commit without the change it describes.
 */
export type AuditTransaction = Prisma.TransactionClient & { $connect?: never };

export interface AppendedAuditRecord {
  /** audit_record.id, a bigint, as a string. */
  id: string;
  stream: string;
  sequence: number;
  hash: string;
}

// First key of the two-key advisory locks taken here ('audt' in ASCII). Two-key advisory locks never
// collide with one-key (bigint) locks, such as those migrations take; two streams whose names hash alike
// only wait for each other.
const AUDIT_LOCK_SPACE = 0x61756474;

/**
 * Appends `entry` to the end of its stream's hash chain, inside the caller's transaction, so the change
 * and its audit record commit or roll back together.
 *
 * Idempotency is the caller's, and it comes from the change itself: append only when the write made a
 * change, so that an activity retried after its transaction committed records nothing twice. Write so
 * that a retry finds nothing left to do and says so, for example
 *
 *     const { count } = await tx.enquiry.updateMany({ where: { reference, status: 'received' }, data: { status: 'acknowledged' } });
 *     if (count === 1) await appendAuditRecord(tx, entry);
 *
 * or insert with `createMany({ data: [row], skipDuplicates: true })` and append when `count` is 1.
 * (`upsert` does not say whether it wrote anything.) A command that changes nothing but the audit trail
 * needs a row of its own to guard it.
 *
 * Needs READ COMMITTED, Prisma's default: the last record must be read after the lock is held, which a
 * REPEATABLE READ or SERIALIZABLE snapshot taken earlier in the transaction would not see.
 *
 * The stream stays locked until the transaction ends, so append last and commit soon. A transaction that
 * appends to several streams should do so in a fixed order (sorted), or two of them can deadlock.
 */
export async function appendAuditRecord(tx: AuditTransaction, entry: AuditEntry): Promise<AppendedAuditRecord> {
  // The type already refuses the PrismaClient; this catches a cast.
  if ('$connect' in tx) throw new TypeError('appendAuditRecord must be given the client of prisma.$transaction(async (tx) => …)');
  const fields = auditFields(entry);
  // A retried request must not make its change twice (src/audit/command-commit.ts).
  await guardCommandOnce(tx);

  // One append per stream at a time, until this transaction ends: concurrent commands on one case would
  // otherwise read the same last record, and all but one fail on the (stream, sequence) unique key.
  // Other streams are not held up.
  const [lock] = await tx.$queryRaw<{ isolation: string }[]>`
    SELECT current_setting('transaction_isolation') AS isolation
    FROM (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_SPACE}::int, hashtext(${fields.stream}))) AS stream_lock`;
  if (lock?.isolation !== 'read committed') {
    throw new Error(`appendAuditRecord needs a READ COMMITTED transaction, not ${lock?.isolation ?? 'none'}`);
  }

  const last = await tx.auditRecord.findFirst({
    where: { stream: fields.stream },
    orderBy: { sequence: 'desc' },
    select: { sequence: true, hash: true },
  });
  const sequence = (last?.sequence ?? 0) + 1;
  const previousHash = last?.hash ?? GENESIS_HASH;
  const hash = auditRecordHash({ ...fields, sequence, previousHash });

  const created = await tx.auditRecord.create({
    data: { ...fields, sequence, previousHash, hash },
    select: { id: true },
  });
  return { id: created.id.toString(), stream: fields.stream, sequence, hash };
}
