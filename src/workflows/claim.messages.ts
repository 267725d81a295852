import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MonitoringPolicy } from './award-monitoring.messages.js';
import type { Command, CommandActor } from './case/case.messages.js';

// The claim workflow's messages, importable by the API and activities without workflow code.

export const CLAIM_WORKFLOW = 'claimWorkflow';

export interface ClaimLine {
  description: string;
  supplier: string;
  invoiceNumber: string;
  /** YYYY-MM-DD. */
  invoiceDate: string;
  amountPence: number;
  evidenceFileIds: string[];
}

export interface ClaimStart {
  /** '<award reference>/C<number>'. */
  claimId: string;
  awardReference: string;
  organisationId: string;
  programme: string;
  financialYear: number;
  number: number;
  /** A final claim completes the project and releases the retention held on earlier payments. */
  kind: 'stage' | 'final';
  lines: ClaimLine[];
  retentionPercent: number;
  /** The award's monitoring rules: once the final claim is paid, monitoring starts under them. */
  monitoring: MonitoringPolicy;
  submittedBy: CommandActor;
  at: string;
}

export interface LineFinding {
  lineNumber: number;
  /** approve in full, part-approve (approvedPence less than claimed), or reject. */
  decision: 'approve' | 'part' | 'reject';
  approvedPence: number;
  note: string | null;
}

export interface VerifyClaim extends Command {
  findings: LineFinding[];
}
export interface RequestEvidence extends Command {
  lineNumbers: number[];
  message: string;
}
export interface ProvideEvidence extends Command {
  lineNumber: number;
  evidenceFileIds: string[];
}
export interface RejectClaim extends Command {
  reason: string;
}

export type ClaimStatus = 'submitted' | 'evidence_requested' | 'verified' | 'approved' | 'payment_instructed' | 'rejected';

export interface ClaimState {
  claimId: string;
  awardReference: string;
  kind: 'stage' | 'final';
  status: ClaimStatus;
  lines: (ClaimLine & { finding: LineFinding | null })[];
  requestedPence: number;
  approvedPence: number | null;
  retentionPence: number | null;
  evidenceRequest: { lineNumbers: number[]; message: string } | null;
  submittedBy: string;
  verifiedBy: string | null;
  approvedBy: string | null;
  paymentInstructionId: string | null;
  /** Set when the final claim's payment started the award's monitoring. */
  monitoringWorkflowId: string | null;
  closingReason: string | null;
  lastSequence: number;
}

export interface ClaimCommandResult {
  claimId: string;
  status: ClaimStatus;
}

export const verifyClaim = defineUpdate<ClaimCommandResult, [VerifyClaim]>('verifyClaim');
export const requestEvidence = defineUpdate<ClaimCommandResult, [RequestEvidence]>('requestEvidence');
export const provideEvidence = defineUpdate<ClaimCommandResult, [ProvideEvidence]>('provideEvidence');
export const approvePayment = defineUpdate<ClaimCommandResult, [Command]>('approvePayment');
export const rejectClaim = defineUpdate<ClaimCommandResult, [RejectClaim]>('rejectClaim');
export const claimState = defineQuery<ClaimState>('claimState');

/** One event of a claim, for its read model and the audit trail. */
export interface ClaimEventRecord {
  sequence: number;
  type: string;
  at: string;
  actor: CommandActor | null;
  summary: { cy: string; en: string };
  payload: Record<string, unknown>;
  state: ClaimState;
  submittedAt: string;
}

/** What the payment activity needs: all of it derived from the claim, so a retry asks for the same thing. */
export interface PaymentRequest {
  claimId: string;
  awardReference: string;
  organisationId: string;
  programme: string;
  financialYear: number;
  kind: 'stage' | 'final';
  approvedPence: number;
  retentionPence: number;
  approvedBy: string;
  at: string;
}
