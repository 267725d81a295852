import canonicalize from 'canonicalize';
import type { AuditEntry, JsonObject } from './audit-entry.js';
import type { HashedAuditFields } from './audit-hash.js';
import { canonicalUuid, isAuditStream } from './audit-stream.js';

/** An entry's columns before it has a place in its stream. */
export type AuditFields = Omit<HashedAuditFields, 'sequence' | 'previousHash'> & { changes: JsonObject };

/**
 * Checks an entry and turns it into exactly the values PostgreSQL will give back, because the hash is
 * computed now and recomputed from the stored row by verification. Whatever the database would respell
 * (a UUID's case, a dropped undefined member) is respelled here first; what it cannot store faithfully
 * (NaN, Infinity, an invalid date) is refused rather than hashed.
 */
export function auditFields(entry: AuditEntry): AuditFields {
  if (!isAuditStream(entry.stream)) {
    throw new TypeError(`Not an audit stream: ${JSON.stringify(entry.stream)} (a case reference, 'system', 'organisation:<uuid>' or 'person:<uuid>')`);
  }
  if (Number.isNaN(entry.occurredAt.getTime())) throw new TypeError('An audit entry needs a valid occurredAt');
  if (!/^\S{1,100}$/.test(entry.command)) throw new TypeError(`Not a command name: ${JSON.stringify(entry.command)}`);
  if (entry.summary.cy.trim() === '' || entry.summary.en.trim() === '') {
    throw new TypeError(`The summary of ${entry.command} needs both Welsh and English`);
  }
  return {
    stream: entry.stream,
    occurredAt: new Date(entry.occurredAt.getTime()),
    actorId: entry.actor ? canonicalUuid(entry.actor.personId) : null,
    actorRole: entry.actor?.role ?? null,
    organisationId: entry.actor?.organisationId ? canonicalUuid(entry.actor.organisationId) : null,
    requestId: entry.requestId ?? null,
    command: entry.command,
    summaryCy: entry.summary.cy,
    summaryEn: entry.summary.en,
    changes: storedChanges(entry.changes),
  };
}

function storedChanges(changes: AuditEntry['changes']): JsonObject {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    throw new TypeError('An audit entry’s changes must be a JSON object');
  }
  // canonicalize throws on NaN, Infinity, lone surrogates and cycles, which JSON.stringify (and so Prisma)
  // would silently turn into something else; parsing its output gives plain JSON with undefined dropped.
  const canonical = canonicalize(changes);
  if (canonical === undefined) throw new TypeError('An audit entry’s changes have no JSON form');
  return JSON.parse(canonical) as JsonObject;
}
