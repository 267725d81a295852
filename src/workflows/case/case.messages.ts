import type { Bilingual } from '../../domain/bilingual.js';
import type { RoleName } from '../../domain/roles.js';

// The protocol every case workflow speaks (CFP applications, asset transfers, claims, monitoring), importable
// by the API and the activities without pulling in workflow code. Commands are Updates, not Signals: the
// caller learns at once whether the command was accepted and, if not, why; a refused command leaves nothing
// in the workflow's history.

/**
 * Who sent a command, as the API established it from the session or token and the database. The workflow
 * trusts it (only the API talks to Temporal) and checks roles and separation of duties again.
 */
export interface CommandActor {
  personId: string;
  role: RoleName;
  organisationId: string | null;
  /** Approvers: the largest award in pence they may decide alone. */
  delegatedLimitPence: number | null;
}

/** Every command carries its sender and the time the API accepted it, so the workflow never reads a clock. */
export interface Command {
  actor: CommandActor;
  /** ISO 8601. */
  at: string;
}

/** What a command on a case did; `Status` is the case's own list of statuses. */
export interface CommandResult<Status extends string = string> {
  reference: string;
  status: Status;
  /** The case event the command wrote. */
  sequence: number;
  /** The last event the command recorded: the API answers once the database shows it (src/operations/until-recorded.ts). */
  recordedUpTo?: number;
}

/** The failure types a workflow refuses a command with; the API maps them to 403 or 409. */
export const REFUSED_FORBIDDEN = 'CommandForbidden';
export const REFUSED_CONFLICT = 'InvalidTransition';

/** Who an event of a grant's case tells; the activity finds the people and writes in each one's language. */
export type NotificationAudience = 'applicants' | 'case_officer' | 'case_officer_manager';

/** One event of a case for the read model, the audit trail, the timeline and notifications. */
export interface CaseEvent<State, Audience> {
  reference: string;
  sequence: number;
  type: string;
  at: string;
  /** Null when the system acted (a timer). */
  actor: CommandActor | null;
  payload: Record<string, unknown>;
  /** What happened in plain words, for the group's timeline. */
  summary: Bilingual;
  /** Who to tell, by audience. */
  notify: Audience[];
  /** The state after the event, for the read model. */
  state: State;
  /** The request that caused the event; none when a timer did. */
  requestId?: string;
}
