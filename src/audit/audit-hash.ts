import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue } from './audit-entry.js';

/** The previousHash of the first record of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything a record's hash covers: every column of audit_record except its id and the hash itself. */
export interface HashedAuditFields {
  stream: string;
  sequence: number;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  organisationId: string | null;
  requestId: string | null;
  command: string;
  summaryCy: string;
  summaryEn: string;
  changes: JsonValue;
  previousHash: string;
}

/**
 * SHA-256 (hex) of the record's RFC 8785 (JCS) canonical JSON. JCS fixes key order, number and string
 * spelling, so the hash recomputed from what PostgreSQL gives back (jsonb reorders keys) is the one
 * computed when the record was written. Changing how this is computed breaks every existing chain.
 */
export function auditRecordHash(fields: HashedAuditFields): string {
  // Named one by one, so that extra properties (a row's id and hash) are never hashed by accident.
  const canonical = canonicalize({
    stream: fields.stream,
    sequence: fields.sequence,
    occurredAt: fields.occurredAt.toISOString(),
    actorId: fields.actorId,
    actorRole: fields.actorRole,
    organisationId: fields.organisationId,
    requestId: fields.requestId,
    command: fields.command,
    summaryCy: fields.summaryCy,
    summaryEn: fields.summaryEn,
    changes: fields.changes,
    previousHash: fields.previousHash,
  });
  if (canonical === undefined) throw new TypeError('An audit record has no JSON form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
