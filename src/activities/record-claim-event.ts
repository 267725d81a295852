import { appendAuditRecord } from '../audit/append-audit-record.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import type { ClaimEventRecord } from '../workflows/claim.messages.js';
import { currentRequestId } from '../primitives/request-context.js';

/**
 * Writes a claim's read model and the event's audit record (on the award's case stream) in one
 * transaction. Idempotent: the claim row remembers the last event it took, so a retry writes nothing.
 */
export function recordClaimEvent(prisma: PrismaClient) {
  return async (event: ClaimEventRecord): Promise<boolean> => {
    const { state } = event;
    const at = new Date(event.at);
    const row = {
      status: state.status,
      requestedPence: BigInt(state.requestedPence),
      approvedPence: state.approvedPence === null ? null : BigInt(state.approvedPence),
      retentionPence: state.retentionPence === null ? null : BigInt(state.retentionPence),
      payablePence: state.approvedPence === null ? null : BigInt(state.approvedPence - (state.retentionPence ?? 0)),
      verifiedById: state.verifiedBy,
      approvedById: state.approvedBy,
      verifiedAt: event.type === 'claim.verified' ? at : undefined,
      approvedAt: event.type === 'claim.approved' ? at : undefined,
      snapshot: state as unknown as Prisma.InputJsonValue,
      lastSequence: event.sequence,
      updatedAt: at,
    };
    return prisma.$transaction(async (tx) => {
      // The claim's first event makes its row (once, however often retried); every event then updates it.
      const number = Number(state.claimId.split('/C')[1]);
      if (event.sequence === 1) {
        await tx.claim.createMany({
          data: [
            {
              id: state.claimId,
              awardReference: state.awardReference,
              number,
              kind: state.kind,
              submittedById: state.submittedBy,
              submittedAt: new Date(event.submittedAt),
              ...row,
              lastSequence: 0,
            },
          ],
          skipDuplicates: true,
        });
      }
      const { count } = await tx.claim.updateMany({ where: { id: state.claimId, lastSequence: { lt: event.sequence } }, data: row });
      if (count === 0) return false;
      await appendAuditRecord(tx, {
        stream: state.awardReference,
        occurredAt: at,
        actor: event.actor ? { personId: event.actor.personId, role: event.actor.role, organisationId: event.actor.organisationId } : null,
        requestId: currentRequestId(),
        command: event.type,
        summary: event.summary,
        changes: { claimId: state.claimId, status: state.status, ...(event.payload as AuditEntry['changes']) },
      });
      return true;
    });
  };
}
