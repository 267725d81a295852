import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TermsVariation } from '../domain/cat/heads-of-terms.js';
import type { Decider, ResolvedTransferProcess, TransferStage } from '../domain/cat/process.js';
import type { GroupAction, TransferStatus } from '../domain/cat/status.js';
import type { TransferTenure } from '../domain/cat/tenure.js';
import type { ValuationOutcome } from '../domain/cat/valuation.js';
import type { CaseEvent, Command, CommandActor, CommandResult } from './case/case.messages.js';

// What the API and the activities need to know about the asset transfer workflow, importable without
// pulling in workflow code. As with CFP applications, commands are Updates: the caller learns at once
// whether the command was taken and, if not, why, and a refused command leaves no history.

export const ASSET_TRANSFER_WORKFLOW = 'assetTransferWorkflow';

/** The asset, as the API found it on the register when the case started. */
export interface TransferAsset {
  id: string;
  name: string;
  address: string;
  openSpace: boolean;
  lsoaCode: string | null;
  localAuthorityCode: string | null;
  wimdRank: number | null;
  wimdDecile: number | null;
}

export interface TransferStart {
  reference: string;
  process: ResolvedTransferProcess;
  asset: TransferAsset;
  /** The public body that owns the asset. */
  owner: { id: string; name: string };
  /** The community group. */
  organisation: { id: string; name: string };
  language: 'cy' | 'en';
  /** What the group would use the asset for, and its first message to the body. */
  proposedUse: string;
  message: string;
  createdBy: CommandActor;
  at: string;
}

/** A document the group sent, by kind (as the process names them) and title. */
export interface TransferDocument {
  kind: string;
  title: string;
}

export interface RespondToEnquiry extends Command {
  outcome: 'invite' | 'decline';
  reasons: string;
}
export interface SubmitExpressionOfInterest extends Command {
  proposedUse: string;
  communityBenefit: string;
  documents: TransferDocument[];
}
export interface SubmitBusinessPlan extends Command {
  summary: string;
  documents: TransferDocument[];
}
export interface RecordGateDecision extends Command {
  gate: 'initial_assessment' | 'decision';
  /** Who took the decision in the body; must be who its process says decides this gate. */
  decidedBy: Decider;
  outcome: 'proceed' | 'decline';
  reasons: string;
  /** The minute or decision record, e.g. 'Cabinet 2026-05-14 item 7'. */
  minuteReference: string | null;
}
export interface RecordEvaluation extends Command {
  marketValuePence: number;
  valuer: string;
  considerationPence: number;
  tenure: TransferTenure;
  repairingObligations: string;
  /** Why the undervalue promotes economic, social or environmental well-being; needed for any undervalue. */
  wellBeingJustification: string | null;
}
export interface RecordMinistersConsent extends Command {
  outcome: 'granted' | 'refused';
  consentReference: string;
  reasons: string;
}
export interface AgreeHeadsOfTerms extends Command {
  decidedBy: Decider;
  summary: string;
  /** The tenure agreed; absent, the one evaluated. Completion must grant it, or record a variation. */
  tenure?: TransferTenure | null;
}
export interface PublishOpenSpaceNotice extends Command {
  /** Where the notice appeared (two consecutive weeks in a local newspaper). */
  publishedIn: string;
}
export interface RecordObjection extends Command {
  objector: string;
  summary: string;
}
export interface ConsiderObjections extends Command {
  outcome: 'proceed' | 'decline';
  reasons: string;
}
export interface CompleteTransfer extends Command {
  decidedBy: Decider;
  /** The tenure as completed, which may differ from what was evaluated (a shorter lease, say). */
  tenure: TransferTenure;
  /** The date the lease or transfer was executed (YYYY-MM-DD). */
  completedOn: string;
  /** A tenure other than the heads of terms agreed, and who in the body agreed the change. */
  variation?: TermsVariation | null;
}
export interface SubmitCommunityBenefitReport extends Command {
  summary: string;
  peopleServed: number;
  stillInCommunityUse: boolean;
}
export interface ReassignTransferOfficer extends Command {
  caseOfficerId: string;
}
export interface TransferReason extends Command {
  reason: string;
}
export interface TransferNote extends Command {
  text: string;
}

/** A completion on other terms than the heads of terms': what they were, what was granted, who agreed. */
export interface CompletedVariation extends TermsVariation {
  from: TransferTenure;
  to: TransferTenure;
}

/** What a command on a transfer did. */
export type TransferCommandResult = CommandResult<TransferStatus>;

/** The live state of a transfer, as the workflow holds it (the `state` query). */
export interface TransferState {
  reference: string;
  processVersion: string;
  owner: { id: string; name: string };
  organisation: { id: string; name: string };
  asset: TransferAsset;
  language: 'cy' | 'en';
  status: TransferStatus;
  caseOfficerId: string | null;
  proposedUse: string;
  expressionOfInterest: { communityBenefit: string; documents: TransferDocument[]; at: string } | null;
  businessPlan: { summary: string; documents: TransferDocument[]; at: string } | null;
  gates: { gate: string; decidedBy: Decider; outcome: 'proceed' | 'decline'; reasons: string; minuteReference: string | null; at: string }[];
  evaluation: (Omit<RecordEvaluation, 'actor' | 'at'> & ValuationOutcome & { at: string }) | null;
  consent: { outcome: 'granted' | 'refused'; consentReference: string; at: string } | null;
  /** `tenure` is null for cases whose heads of terms were agreed before they carried one. */
  headsOfTerms: { decidedBy: Decider; summary: string; tenure: TransferTenure | null; at: string } | null;
  openSpace: {
    publishedIn: string;
    publishedAt: string;
    objectionsCloseAt: string;
    objections: { objector: string; summary: string; at: string }[];
    considered: { outcome: 'proceed' | 'decline'; reasons: string } | null;
  } | null;
  completion: { tenure: TransferTenure; completedOn: string; at: string; variation?: CompletedVariation | null } | null;
  monitoring: {
    reportsDue: number;
    received: { number: number; summary: string; peopleServed: number; stillInCommunityUse: boolean; at: string }[];
    next: { number: number; dueAt: string; opensAt?: string } | null;
  } | null;
  /** The service-level clock of the body's current stage. */
  clock: { stage: TransferStage; dueAt: string; breached: boolean } | null;
  /** What the group must do next, and by when. */
  groupAction: { action: GroupAction; dueAt: string | null } | null;
  /** CFP applications relying on this transfer for security of tenure. */
  linkedApplications: string[];
  /** Reasons given when the case ended early (declined, withdrawn), or when the asset returned. */
  closingReason: string | null;
  /** When it ended early. */
  endedAt: string | null;
  lastSequence: number;
}

export const respondToEnquiry = defineUpdate<TransferCommandResult, [RespondToEnquiry]>('respondToEnquiry');
export const submitExpressionOfInterest = defineUpdate<TransferCommandResult, [SubmitExpressionOfInterest]>('submitExpressionOfInterest');
export const submitBusinessPlan = defineUpdate<TransferCommandResult, [SubmitBusinessPlan]>('submitBusinessPlan');
export const recordGateDecision = defineUpdate<TransferCommandResult, [RecordGateDecision]>('recordGateDecision');
export const recordEvaluation = defineUpdate<TransferCommandResult, [RecordEvaluation]>('recordEvaluation');
export const recordMinistersConsent = defineUpdate<TransferCommandResult, [RecordMinistersConsent]>('recordMinistersConsent');
export const agreeHeadsOfTerms = defineUpdate<TransferCommandResult, [AgreeHeadsOfTerms]>('agreeHeadsOfTerms');
export const publishOpenSpaceNotice = defineUpdate<TransferCommandResult, [PublishOpenSpaceNotice]>('publishOpenSpaceNotice');
export const recordObjection = defineUpdate<TransferCommandResult, [RecordObjection]>('recordObjection');
export const considerObjections = defineUpdate<TransferCommandResult, [ConsiderObjections]>('considerObjections');
export const completeTransfer = defineUpdate<TransferCommandResult, [CompleteTransfer]>('completeTransfer');
export const submitCommunityBenefitReport = defineUpdate<TransferCommandResult, [SubmitCommunityBenefitReport]>('submitCommunityBenefitReport');
export const recordCommunityUseStopped = defineUpdate<TransferCommandResult, [TransferReason]>('recordCommunityUseStopped');
export const withdrawTransfer = defineUpdate<TransferCommandResult, [TransferReason]>('withdrawTransfer');
export const reassignTransferOfficer = defineUpdate<TransferCommandResult, [ReassignTransferOfficer]>('reassignTransferOfficer');
export const addTransferNote = defineUpdate<TransferCommandResult, [TransferNote]>('addTransferNote');

/** Answers once the case's first event is written: sent with the start, so the read model has the case. */
export const transferOpened = defineUpdate<TransferCommandResult, []>('transferOpened');

/** A CFP application names this transfer as its route to security of tenure (sent by its workflow). */
export const grantLinked = defineSignal<[{ applicationReference: string; at: string }]>('grantLinked');

export const transferState = defineQuery<TransferState>('state');

/** One event of a transfer for the read model, the audit trail, the timeline and notifications. */
export type TransferEventRecord = CaseEvent<TransferState, TransferAudience>;

/** The group's members, the owning body's asset officers, or the case officer (and their manager). */
export type TransferAudience = 'group' | 'asset_officers' | 'case_officer' | 'case_officer_manager';
