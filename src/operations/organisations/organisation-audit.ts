import { appendAuditRecord, type AuditTransaction } from '../../audit/append-audit-record.js';
import type { AuditEntry } from '../../audit/audit-entry.js';
import { organisationStream } from '../../audit/audit-stream.js';
import type { RoleName } from '../../domain/roles.js';
import { currentRequestId } from '../../primitives/request-context.js';

/**
 * Records a change to an organisation or to who holds which role in it on the organisation's own chain,
 * inside the transaction that made the change: who (the person and the role they acted in), when, what.
 */
export function auditOrganisationChange(
  tx: AuditTransaction,
  {
    organisationId,
    personId,
    role,
    at,
    command,
    summary,
    changes,
  }: {
    organisationId: string;
    personId: string;
    /** The role the person acted in; null when they held none yet (registering, accepting an invitation). */
    role: RoleName | null;
    at: Date;
    command: string;
    summary: AuditEntry['summary'];
    changes: AuditEntry['changes'];
  },
) {
  return appendAuditRecord(tx, {
    stream: organisationStream(organisationId),
    occurredAt: at,
    actor: { personId, role, organisationId },
    requestId: currentRequestId(),
    command,
    summary,
    changes,
  });
}
