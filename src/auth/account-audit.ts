import { appendAuditRecord, type AuditTransaction } from '../audit/append-audit-record.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { personStream } from '../audit/audit-stream.js';
import { currentRequestId } from '../primitives/request-context.js';

/**
 * Records something a person did to their own account (signed in or out, made or revoked an API token,
 * changed language) on their own chain, inside the transaction that made the change.
 */
export function auditAccountEvent(
  tx: AuditTransaction,
  { personId, at, command, summary, changes }: { personId: string; at: Date; command: string; summary: AuditEntry['summary']; changes: AuditEntry['changes'] },
) {
  return appendAuditRecord(tx, {
    stream: personStream(personId),
    occurredAt: at,
    actor: { personId, role: null, organisationId: null },
    requestId: currentRequestId(),
    command,
    summary,
    changes,
  });
}
