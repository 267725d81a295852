import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import type { JsonValue } from './audit-entry.js';
import { canonicalUuid } from './audit-stream.js';

export const maxAuditPageSize = 200;

/** One audit record, everything in it, for administrators. */
export interface AuditRecordView {
  /** audit_record.id (a bigint) as a string. */
  id: string;
  stream: string;
  sequence: number;
  occurredAt: string;
  /** Null when the system acted. */
  actorId: string | null;
  actorRole: string | null;
  organisationId: string | null;
  requestId: string | null;
  command: string;
  summary: Bilingual;
  changes: JsonValue;
  previousHash: string;
  hash: string;
}

export interface AuditRecordPage {
  records: AuditRecordView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface ListAuditRecordsOptions {
  stream?: string;
  /** Records of commands made for this organisation. */
  organisationId?: string;
  /** The nextCursor of the page before. */
  cursor?: string;
  limit: number;
}

/**
 * Audit records, newest first (in the order they were recorded, which within a stream is sequence order),
 * a page at a time. Who may call this is the access policy's business, not this function's.
 */
export async function listAuditRecords(prisma: PrismaClient, options: ListAuditRecordsOptions): Promise<AuditRecordPage> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxAuditPageSize) {
    throw new AppError('invalid_input', {
      cy: `Mae tudalen yn dal rhwng 1 a ${maxAuditPageSize} o gofnodion archwilio`,
      en: `A page holds between 1 and ${maxAuditPageSize} audit records`,
    });
  }
  const rows = await prisma.auditRecord.findMany({
    where: {
      stream: options.stream,
      organisationId: options.organisationId === undefined ? undefined : organisationFilter(options.organisationId),
      id: options.cursor === undefined ? undefined : { lt: cursorId(options.cursor) },
    },
    orderBy: { id: 'desc' },
    // One more than asked for says whether there is a next page.
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    records: page.map((row) => ({
      id: row.id.toString(),
      stream: row.stream,
      sequence: row.sequence,
      occurredAt: row.occurredAt.toISOString(),
      actorId: row.actorId,
      actorRole: row.actorRole,
      organisationId: row.organisationId,
      requestId: row.requestId,
      command: row.command,
      summary: { cy: row.summaryCy, en: row.summaryEn },
      changes: row.changes,
      previousHash: row.previousHash,
      hash: row.hash,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

function organisationFilter(organisationId: string): string {
  try {
    return canonicalUuid(organisationId);
  } catch {
    throw new AppError('invalid_input', {
      cy: 'Nid yw dynodydd y sefydliad yn ddilys',
      en: 'The organisation id is not valid',
    });
  }
}

const largestId = 2n ** 63n - 1n;

function cursorId(cursor: string): bigint {
  if (!/^[1-9]\d{0,18}$/.test(cursor) || BigInt(cursor) > largestId) {
    throw new AppError('invalid_input', {
      cy: 'Nid yw cyrchwr y dudalen yn ddilys',
      en: 'The page cursor is not valid',
    });
  }
  return BigInt(cursor);
}
