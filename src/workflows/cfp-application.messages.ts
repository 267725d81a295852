import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Bilingual } from '../domain/bilingual.js';
import type { TransferTenure } from '../domain/cat/tenure.js';
import type { AnswerField, Draft, EoiAnswers, FullApplicationAnswers } from '../domain/cfp/answers.js';
import type { AutomaticScreening } from '../domain/cfp/eligibility.js';
import type { RecentAwards } from '../domain/cfp/organisation-cap.js';
import type { CfpPolicy } from '../domain/cfp/policy.js';
import type { Scores } from '../domain/cfp/scoring.js';
import type { GroupAction, CfpStatus } from '../domain/cfp/status.js';
import type { RoleName } from '../domain/roles.js';
import type { CaseEvent, Command, CommandActor, CommandResult as CaseCommandResult, NotificationAudience } from './case/case.messages.js';

// What the API and the activities need to know about the CFP application workflow, importable without
// pulling in workflow code. The protocol every case shares (Command, CommandActor, refusals) is in
// case/case.messages.ts, and re-exported here for the importers that take this module whole (`import * as m`).

export { REFUSED_CONFLICT, REFUSED_FORBIDDEN } from './case/case.messages.js';
export type { Command, CommandActor, NotificationAudience } from './case/case.messages.js';

export const CFP_APPLICATION_WORKFLOW = 'cfpApplicationWorkflow';

/** The WIMD area of the facility, as looked up by the API when the group names its LSOA. */
export interface AreaRef {
  lsoaCode: string;
  edition: string;
  rank: number;
  decile: number;
  localAuthorityCode: string;
  localAuthorityName: string;
}

export interface CfpApplicationStart {
  reference: string;
  policy: CfpPolicy;
  organisation: { id: string; name: string };
  language: 'cy' | 'en';
  projectTitle: string;
  createdBy: CommandActor;
  at: string;
}

export interface SaveEoi extends Command {
  projectTitle?: string;
  answers: Draft<EoiAnswers>;
  /** Present when the answers name a facility's LSOA; null when it is not a known area. */
  area?: AreaRef;
}
export interface SubmitEoi extends Command {
  /** From the database when the API sends the command: the group's legal form and recent awards. */
  legalForm: string | null;
  recentAwards: { count: number; totalPence: number };
  /** The case officer the programme's rule gives the case as it is sent (policy caseOfficerAssignment); absent when it gives none. */
  caseOfficerId?: string | null;
}
export interface ScreenEoi extends Command {
  outcome: 'invite' | 'decline';
  reasons: string;
  /** From the database: the group's awards within the cap's period, as they stand now (absent in commands sent before the cap was applied). */
  recentAwards?: RecentAwards;
}
export interface SaveFullApplication extends Command {
  answers: Draft<FullApplicationAnswers>;
}
export interface DeclareConflict extends Command {
  conflict: boolean;
  details: string | null;
}
export interface ScoreApplication extends Command {
  scores: Scores;
}
export interface ModerateScores extends Command {
  /** The agreed total out of 100. */
  total: number;
  note: string;
}
export interface Recommend extends Command {
  recommendation: 'approve' | 'reject';
  amountPence: number | null;
  reasons: string;
}
export interface Decide extends Command {
  outcome: 'approve' | 'reject' | 'defer';
  /** For approval: the award, which may be less than asked. */
  amountPence: number | null;
  /** Conditions added to the programme's standard ones, in Welsh and English. */
  conditions: Bilingual[];
  reasons: string;
  /** From the database, as for screening: the group's awards within the cap's period. */
  recentAwards?: RecentAwards;
}
export interface AcceptOffer extends Command {
  declaration: true;
  signatoryName: string;
}
export interface WithReason extends Command {
  reason: string;
}
export interface RequestInformation extends Command {
  fields: AnswerField[];
  message: string;
}
export interface RespondToInformation extends Command {
  answers: Draft<EoiAnswers> & Draft<FullApplicationAnswers>;
  area?: AreaRef;
  message: string | null;
}
export interface ReassignCaseOfficer extends Command {
  caseOfficerId: string;
}
export interface AddNote extends Command {
  text: string;
}
export interface SetFastTrack extends Command {
  fastTrack: boolean;
  reason: string;
}
export type Deadline = 'full_application' | 'offer_acceptance' | 'information';
export interface ExtendDeadline extends Command {
  deadline: Deadline;
  dueAt: string;
  reason: string;
}

/** How a community asset transfer ended, as far as a grant relying on it needs to know. */
export interface TransferConclusion {
  transferReference: string;
  outcome: 'completed' | 'declined' | 'withdrawn' | 'lapsed';
  /** The tenure the group got, when the transfer completed. */
  tenure: TransferTenure | null;
  at: string;
}
export interface LinkTransfer extends Command {
  transferReference: string;
  /** Filled in by the API when the transfer has already ended, from the transfer's read model. */
  concluded: TransferConclusion | null;
}
export interface DecideTenure extends Command {
  /** waive: tenure is secure by other means; await_another_transfer: the group may name another transfer. */
  outcome: 'waive' | 'await_another_transfer';
  reasons: string;
}

/** A grant's security of tenure, when it rests on a community asset transfer. */
export interface TenureThroughTransfer {
  transferReference: string;
  /**
   * pending until the transfer ends; met or fell_through then; after falling through, the case officer
   * waives the condition or lets the group name another transfer (awaiting_link).
   */
  condition: 'pending' | 'met' | 'fell_through' | 'waived' | 'awaiting_link';
  conclusion: TransferConclusion | null;
  decision: { outcome: 'waive' | 'await_another_transfer'; reasons: string; by: string; at: string } | null;
}

/** What a command on an application did. */
export type CommandResult = CaseCommandResult<CfpStatus>;

export interface Assessment {
  assessorId: string;
  scores: Scores;
  total: number;
  at: string;
}

export interface Offer {
  amountPence: number;
  conditions: Bilingual[];
  offeredAt: string;
  acceptBy: string;
  decidedBy: string;
}

/** An award past the per-organisation cap that the policy lets the panel decide: why, on the case's record. */
export interface OrganisationCapException {
  recentAwards: RecentAwards;
  amountPence: number;
  reason: Bilingual;
  /** When the invitation or the decision found it. */
  at: string;
}

/** The live state of an application, as the workflow holds it (the `state` query). */
export interface CfpApplicationState {
  reference: string;
  policyVersion: string;
  organisation: { id: string; name: string };
  language: 'cy' | 'en';
  projectTitle: string;
  status: CfpStatus;
  caseOfficerId: string | null;
  fastTrack: boolean;
  eoi: Draft<EoiAnswers>;
  area: AreaRef | null;
  tier: 'small' | 'large' | null;
  screening: { automatic: AutomaticScreening; outcome: 'invite' | 'decline' | null; reasons: string | null } | null;
  fullApplication: Draft<FullApplicationAnswers>;
  conflicts: { assessorId: string; conflict: boolean; details: string | null; at: string }[];
  assessments: Assessment[];
  moderation: { moderatorId: string; total: number; note: string; at: string } | null;
  /** Assessed total (mean, or moderated) and with the deprivation bonus. */
  score: { total: number; priority: number } | null;
  recommendation: { recommendation: 'approve' | 'reject'; amountPence: number | null; reasons: string; by: string } | null;
  decision: { outcome: 'approve' | 'reject' | 'defer'; amountPence: number | null; reasons: string; by: string; role: RoleName; at: string } | null;
  offer: Offer | null;
  /** The open request for information; `answered`, the answers given so far (absent in requests made before answers were counted). */
  informationRequest: { fields: AnswerField[]; message: string; requestedAt: string; respondBy: string; answered?: AnswerField[] } | null;
  /** The service-level clock of the current stage. */
  clock: { stage: string; dueAt: string | null; pausedRemainingMs: number | null; breached: boolean } | null;
  /** What the group must do next, and by when. */
  applicantAction: { action: GroupAction; dueAt: string | null } | null;
  fullApplicationDueAt: string | null;
  /** Reasons given when the case closed (declined, withdrawn, rejected). */
  closingReason: string | null;
  /** Security of tenure through a community asset transfer, when the group named one. */
  tenureTransfer: TenureThroughTransfer | null;
  /** Set when this award would pass the per-organisation cap and the panel is to decide (absent in cases begun before). */
  organisationCap?: OrganisationCapException | null;
  lastSequence: number;
}

export const saveEoi = defineUpdate<CommandResult, [SaveEoi]>('saveEoi');
export const submitEoi = defineUpdate<CommandResult, [SubmitEoi]>('submitEoi');
export const screenEoi = defineUpdate<CommandResult, [ScreenEoi]>('screenEoi');
export const saveFullApplication = defineUpdate<CommandResult, [SaveFullApplication]>('saveFullApplication');
export const submitFullApplication = defineUpdate<CommandResult, [Command]>('submitFullApplication');
export const declareConflict = defineUpdate<CommandResult, [DeclareConflict]>('declareConflict');
export const scoreApplication = defineUpdate<CommandResult, [ScoreApplication]>('scoreApplication');
export const moderateScores = defineUpdate<CommandResult, [ModerateScores]>('moderateScores');
export const recommend = defineUpdate<CommandResult, [Recommend]>('recommend');
export const decide = defineUpdate<CommandResult, [Decide]>('decide');
export const acceptOffer = defineUpdate<CommandResult, [AcceptOffer]>('acceptOffer');
export const declineOffer = defineUpdate<CommandResult, [WithReason]>('declineOffer');
export const requestInformation = defineUpdate<CommandResult, [RequestInformation]>('requestInformation');
export const respondToInformation = defineUpdate<CommandResult, [RespondToInformation]>('respondToInformation');
export const closeInformationRequest = defineUpdate<CommandResult, [WithReason]>('closeInformationRequest');
export const withdraw = defineUpdate<CommandResult, [WithReason]>('withdraw');
export const reassignCaseOfficer = defineUpdate<CommandResult, [ReassignCaseOfficer]>('reassignCaseOfficer');
export const addNote = defineUpdate<CommandResult, [AddNote]>('addNote');
export const setFastTrack = defineUpdate<CommandResult, [SetFastTrack]>('setFastTrack');
export const extendDeadline = defineUpdate<CommandResult, [ExtendDeadline]>('extendDeadline');
export const linkTransfer = defineUpdate<CommandResult, [LinkTransfer]>('linkTransfer');
export const decideTenure = defineUpdate<CommandResult, [DecideTenure]>('decideTenure');

/** Sent by a transfer's workflow to each application relying on it, when the transfer ends. */
export const transferConcluded = defineSignal<[TransferConclusion]>('transferConcluded');

export const applicationState = defineQuery<CfpApplicationState>('state');

/** One event for the read model, the audit trail, the timeline and notifications (recordCaseEvent). */
export interface CaseEventRecord extends CaseEvent<CfpApplicationState, NotificationAudience> {
  /** Set when the event makes an award (the group accepted its offer). */
  award?: { amountPence: number; conditions: Bilingual[]; decidedAt: string; acceptedAt: string };
}
