import type { Prisma, Recovery } from '../../../generated/prisma/client.js';
import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { AuditActor } from '../../audit/audit-entry.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Bilingual } from '../../domain/bilingual.js';
import { breaches, type Breach } from '../../domain/cfp/clawback.js';

// A recovery: a breach of a grant's conditions and the money it asks back. Its status moves one way only,
//
//   recorded -> confirmed -> invoiced -> received
//                                     -> written_off
//
// each step by its own role, in one transaction with its ledger entries and its audit record on the
// award's case. What was received and written off is never stored on the recovery: it is summed from the
// ledger entries that carry the recovery's id.

export const recoveryStatuses = ['recorded', 'confirmed', 'invoiced', 'received', 'written_off'] as const;
export type RecoveryStatus = (typeof recoveryStatuses)[number];

const isBreach = (value: string): value is Breach => (breaches as readonly string[]).includes(value);
const isRecoveryStatus = (value: string): value is RecoveryStatus => (recoveryStatuses as readonly string[]).includes(value);

/** '<award reference>-R<n>', e.g. CFP-2026-000123-R1: the award's first recovery. */
const recoveryIdPattern = /^[A-Z]{2,5}-\d{4}-\d{6,}-R[1-9]\d{0,5}$/;

export function recoveryIdOf(awardReference: string, number: number): string {
  return `${awardReference}-R${number}`;
}

export const recoveryNotFound = (id: string) => new AppError('not_found', { cy: `Nid oes achos adennill ${id}`, en: `There is no recovery ${id}` });

const statusText: Record<RecoveryStatus, Bilingual> = {
  recorded: { cy: 'wedi ei gofnodi ond heb ei gadarnhau', en: 'is recorded but not yet confirmed' },
  confirmed: { cy: 'wedi ei gadarnhau ond heb ei anfonebu', en: 'is confirmed but not yet invoiced' },
  invoiced: { cy: 'wedi ei anfonebu ac yn aros am daliad', en: 'is invoiced and awaiting payment' },
  received: { cy: 'wedi ei dalu’n llawn', en: 'is repaid in full' },
  written_off: { cy: 'wedi ei ddileu', en: 'is written off' },
};

/** The breach in plain words, for the group's history. */
export const breachText: Record<Breach, Bilingual> = {
  asset_sold: { cy: 'gwerthwyd yr ased', en: 'the asset was sold' },
  use_changed: { cy: 'newidiwyd defnydd yr ased', en: 'the asset’s use changed' },
  misrepresentation: { cy: 'cafwyd y grant drwy gamliwio', en: 'the grant was obtained by misrepresentation' },
};

/** 409 unless the recovery is at `required`: each step follows the one before it, once. */
export function requireStatus(recovery: { id: string; status: string }, required: RecoveryStatus, step: Bilingual): void {
  if (recovery.status === required) return;
  const now = isRecoveryStatus(recovery.status) ? statusText[recovery.status] : { cy: recovery.status, en: recovery.status };
  throw new AppError('conflict', {
    cy: `Ni ellir ${step.cy}: mae achos adennill ${recovery.id} ${now.cy}`,
    en: `Cannot ${step.en}: recovery ${recovery.id} ${now.en}`,
  });
}

export interface LockedRecovery {
  recovery: Recovery;
  programme: string;
  /** The policy version the award was made under. */
  policyVersion: string;
  actingAs: RoleGrantView;
  auditActor: AuditActor;
}

/**
 * Checks `actor` may do `action` on recovery `id`'s programme and loads it. With `forUpdate` (inside a
 * transaction) the recovery's row is held until the transaction ends, so two steps on one recovery run one
 * after the other and the second sees what the first did.
 */
export async function loadRecovery(
  db: PrismaClient | Prisma.TransactionClient,
  { actor, action, id, forUpdate }: { actor: Actor | undefined; action: Action; id: string; forUpdate: boolean },
): Promise<LockedRecovery> {
  enforce(actor, action);
  if (!recoveryIdPattern.test(id)) throw recoveryNotFound(id);
  if (forUpdate) await db.$queryRaw`SELECT id FROM recovery WHERE id = ${id} FOR UPDATE`;
  const recovery = await db.recovery.findUnique({ where: { id } });
  const application =
    recovery && (await db.application.findUnique({ where: { reference: recovery.awardReference }, select: { programme: true, policyVersion: true } }));
  if (!recovery || !application) throw recoveryNotFound(id);
  const actingAs = enforce(actor, action, { programme: application.programme });
  if (!actor || !actingAs) throw new Error(`${action} is allowed only to staff`);
  return {
    recovery,
    programme: application.programme,
    policyVersion: application.policyVersion,
    actingAs,
    auditActor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
  };
}

/** `loadRecovery` for a step that changes the recovery, inside its transaction. */
export function lockRecovery(tx: Prisma.TransactionClient, options: { actor: Actor | undefined; action: Action; id: string }): Promise<LockedRecovery> {
  return loadRecovery(tx, { ...options, forUpdate: true });
}

export interface RecoveryReceipt {
  number: number;
  amountPence: number;
  receivedOn: string;
  note: string | null;
}

/** A lowering beyond the policy's share: asked for by one finance approver, agreed (or not yet) by another. */
export interface RecoveryReduction {
  proposedPence: number;
  reason: string;
  proposedById: string;
  proposedAt: string;
  /** Null while it waits for a second finance approver. */
  approvedById: string | null;
  approvedAt: string | null;
}

export interface RecoveryView {
  id: string;
  awardReference: string;
  breach: Breach;
  breachOn: string;
  evidence: string;
  recordedById: string;
  recordedAt: string;
  paidPence: number;
  assessedPence: number;
  amountPence: number;
  adjustmentReason: string | null;
  status: RecoveryStatus;
  confirmedById: string | null;
  confirmedAt: string | null;
  /** A lowering by more than the policy's share, waiting for or agreed by a second finance approver. */
  reduction: RecoveryReduction | null;
  invoiceNumber: string | null;
  receivedPence: number;
  writtenOffPence: number;
  outstandingPence: number;
  receipts: RecoveryReceipt[];
  updatedAt: string;
}

/** Sums of the recovery's ledger entries: what came back and what was given up. */
export async function recoveryLedger(db: PrismaClient | Prisma.TransactionClient, id: string) {
  const entries = await db.ledgerEntry.findMany({ where: { recoveryId: id }, orderBy: { id: 'asc' } });
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((total, e) => total + e.amountPence, 0n);
  const receipts = entries
    .filter((e) => e.kind === 'recovery_received')
    .map((e): RecoveryReceipt => ({
      number: Number(e.entryKey.slice(e.entryKey.lastIndexOf(':') + 1)),
      amountPence: Number(e.amountPence),
      receivedOn: e.occurredAt.toISOString().slice(0, 10),
      note: e.note,
    }));
  return { received: sum('recovery_received'), writtenOff: sum('recovery_written_off'), receipts };
}

export async function recoveryView(db: PrismaClient | Prisma.TransactionClient, recovery: Recovery): Promise<RecoveryView> {
  const { breach, status } = recovery;
  if (!isBreach(breach) || !isRecoveryStatus(status)) throw new Error(`Recovery ${recovery.id} has breach ${breach} and status ${status}, which are not known`);
  const ledger = await recoveryLedger(db, recovery.id);
  return {
    id: recovery.id,
    awardReference: recovery.awardReference,
    breach,
    breachOn: recovery.breachOn.toISOString().slice(0, 10),
    evidence: recovery.evidence,
    recordedById: recovery.recordedById,
    recordedAt: recovery.recordedAt.toISOString(),
    paidPence: Number(recovery.paidPence),
    assessedPence: Number(recovery.assessedPence),
    amountPence: Number(recovery.amountPence),
    adjustmentReason: recovery.adjustmentReason,
    status,
    confirmedById: recovery.confirmedById,
    confirmedAt: recovery.confirmedAt?.toISOString() ?? null,
    reduction:
      recovery.reductionProposedPence !== null && recovery.reductionProposedById !== null && recovery.reductionProposedAt !== null
        ? {
            proposedPence: Number(recovery.reductionProposedPence),
            reason: recovery.reductionReason ?? '',
            proposedById: recovery.reductionProposedById,
            proposedAt: recovery.reductionProposedAt.toISOString(),
            approvedById: recovery.reductionApprovedById,
            approvedAt: recovery.reductionApprovedAt?.toISOString() ?? null,
          }
        : null,
    invoiceNumber: recovery.invoiceNumber,
    receivedPence: Number(ledger.received),
    writtenOffPence: Number(ledger.writtenOff),
    outstandingPence: Number(recovery.amountPence - ledger.received - ledger.writtenOff),
    receipts: ledger.receipts,
    updatedAt: recovery.updatedAt.toISOString(),
  };
}
