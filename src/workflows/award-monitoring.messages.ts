import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CfpPolicy } from '../domain/cfp/policy.js';
import type { MonitoringEventKind } from '../domain/cfp/monitoring.js';
import type { Command, CommandActor, NotificationAudience } from './case/case.messages.js';

// What the API and the activities need to know about an award's monitoring workflow, importable without
// pulling in workflow code. A return is sent as an Update, not a Signal: the group learns at once whether it
// was accepted (the right period, their own group's award, not sent before) and a refusal leaves nothing in
// history. Refusals carry every case's failure types (case/case.messages.ts), so the API maps them to 403 and 409 alike.

export { REFUSED_CONFLICT, REFUSED_FORBIDDEN } from './case/case.messages.js';
export type { Command, CommandActor } from './case/case.messages.js';
export type { MonitoringEventKind } from '../domain/cfp/monitoring.js';

export const AWARD_MONITORING_WORKFLOW = 'awardMonitoringWorkflow';

/** One monitoring workflow per award, beside the application's own (whose id is the reference). */
export const monitoringWorkflowId = (awardReference: string) => `${awardReference}/monitoring`;

/**
 * The part of a policy version monitoring needs. A whole CfpPolicy fits; each continued run is given only
 * this part, so the history stays small.
 */
export interface MonitoringPolicy {
  version: CfpPolicy['version'];
  awards: { monitoring: CfpPolicy['awards']['monitoring'] };
}

/** How a return ended, carried from one run to the next (one small entry per period). */
export interface ReturnOutcome {
  period: number;
  dueAt: string;
  status: 'submitted' | 'overdue';
  submittedAt: string | null;
  late: boolean;
  escalated: boolean;
}

export interface AwardMonitoringStart {
  /** The application reference the award was made on (CFP-2026-000123). */
  awardReference: string;
  organisationId: string;
  policy: MonitoringPolicy;
  /** ISO 8601: when the final claim was paid and the project completed. Every return is reckoned from it. */
  completedAt: string;
  /** The return this run looks after, from 1; absent on the first run. */
  periodIndex?: number;
  /** How earlier returns ended; absent on the first run. */
  carried?: { returns: ReturnOutcome[] };
}

export interface MonitoringAnswers {
  /** Is the facility still in community use? */
  inUse: boolean;
  /** About how many people use it in a typical week. */
  usersPerWeek: number;
  /** What has changed since the last return (ownership, use, opening hours); '' for nothing. */
  changes: string;
}

export interface SubmitMonitoringReturn extends Command {
  /** The return being sent, from 1: only the one open now is accepted. */
  period: number;
  answers: MonitoringAnswers;
}

export interface MonitoringReturnResult {
  awardReference: string;
  period: number;
  status: 'submitted';
  /** Sent after it was due. */
  late: boolean;
}

/** The return the current run looks after. `upcoming` until its reporting year starts. */
export interface CurrentReturn {
  period: number;
  opensAt: string;
  remindAt: string;
  dueAt: string;
  escalateAt: string;
  status: 'upcoming' | 'due' | 'overdue' | 'submitted';
  reminded: boolean;
  escalated: boolean;
  submittedAt: string | null;
  submittedById: string | null;
  late: boolean;
}

/** The `state` query. */
export interface AwardMonitoringState {
  awardReference: string;
  organisationId: string;
  policyVersion: string;
  completedAt: string;
  /** How many returns the monitoring period holds. */
  periods: number;
  current: CurrentReturn | null;
  previous: ReturnOutcome[];
  closed: boolean;
}

export const submitMonitoringReturn = defineUpdate<MonitoringReturnResult, [SubmitMonitoringReturn]>('submitMonitoringReturn');
export const monitoringState = defineQuery<AwardMonitoringState>('state');

/** One monitoring event, for the monitoring_return row, the audit trail and notifications (recordMonitoringEvent). */
export interface MonitoringEventRecord {
  awardReference: string;
  organisationId: string;
  kind: MonitoringEventKind;
  /** The return it concerns; for the closing event, the last one (0 when the period holds none). */
  period: number;
  periods: number;
  at: string;
  /** Null when a timer acted. */
  actor: CommandActor | null;
  /** The return's due date; null for the closing event. */
  dueAt: string | null;
  answers?: MonitoringAnswers;
  late?: boolean;
  /** Who to tell; the activity finds the people and writes in each one's language. */
  notify: NotificationAudience[];
  /** For the closing event: how every return ended. */
  returns?: ReturnOutcome[];
}

/** The notification ids of one monitoring event begin with this; deliverNotifications selects by it. */
export const monitoringNotificationPrefix = (awardReference: string, period: number, kind: MonitoringEventKind) => `${awardReference}:m${period}:${kind}:`;
