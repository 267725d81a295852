import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import type { GroupStage, ResolvedTransferProcess, TransferStage } from '../../domain/cat/process.js';
import { stageAfter } from '../../domain/cat/stages.js';
import { stageOf, type TransferStatus } from '../../domain/cat/status.js';
import { durationMs } from '../../domain/duration.js';
import { addMs, type DurableTimers } from '../case/durable-timers.js';
import type { TransferStart, TransferState } from '../asset-transfer.messages.js';
import { transferConcluded, type TransferConclusion } from '../cfp-application.messages.js';

/** A transfer's way through the body's stages, the service-level clock and group window of each, and how it ends. */
export interface TransferRoute {
  /** Moves the case to `status`, starting its service-level clock and, at a group stage, its response window. */
  moveTo(status: TransferStatus, at: string): void;
  /** On to the next stage of this case's route; after legal completion, to monitoring or the end. */
  advance(at: string): void;
  /** Ends the case early; linked grants are told. */
  end(status: 'declined' | 'withdrawn' | 'lapsed', at: string, reason: string | null): Promise<void>;
  /** Tells the linked grants (or only one) how the transfer ended. */
  tellGrants(conclusion: Omit<TransferConclusion, 'transferReference'>, only?: string): Promise<void>;
  /** How the transfer ended, for a grant that asks after it has. */
  conclusion(): Omit<TransferConclusion, 'transferReference'> | null;
}

export function transferRoute(start: TransferStart, state: TransferState, process: ResolvedTransferProcess, timers: DurableTimers): TransferRoute {
  const { reference } = start;

  /** Which of the law's own steps this case takes, from what is known of it so far. */
  const facts = () => ({ needsMinistersConsent: state.evaluation?.needsMinistersConsent ?? false, openSpace: state.asset.openSpace });

  function moveTo(status: TransferStatus, at: string): void {
    const before = stageOf(state.status);
    state.status = status;
    const stage = stageOf(status);
    if (stage === before && state.clock) return;
    timers.cancel('clock');
    timers.cancelStartingWith('group_');
    state.clock = null;
    state.groupAction = null;
    if (stage === 'closed' || stage === 'transferred' || stage === 'monitoring') return;
    const serviceLevel = process.durations.serviceLevels[stage];
    if (serviceLevel) {
      state.clock = { stage, dueAt: addMs(at, durationMs(serviceLevel)), breached: false };
      timers.set('clock', state.clock.dueAt, at);
    }
    if (stage === 'expression_of_interest' || stage === 'business_plan') openGroupWindow(stage, at);
  }

  function openGroupWindow(stage: GroupStage, at: string): void {
    const dueAt = addMs(at, durationMs(process.durations.groupResponseWindow));
    state.groupAction = { action: stage === 'expression_of_interest' ? 'send_expression_of_interest' : 'send_business_plan', dueAt };
    timers.set('group_lapse', dueAt, at);
    timers.set('group_reminder', addMs(dueAt, -durationMs(process.durations.groupReminderBefore)), at);
  }

  function advance(at: string): void {
    const next = stageAfter(process, stageOf(state.status) as TransferStage, facts());
    moveTo(next ?? 'transferred', at);
  }

  async function end(status: 'declined' | 'withdrawn' | 'lapsed', at: string, reason: string | null): Promise<void> {
    state.closingReason = reason;
    state.endedAt = at;
    moveTo(status, at);
    timers.cancelAll();
    await tellGrants({ outcome: status, tenure: null, at });
  }

  async function tellGrants(conclusion: Omit<TransferConclusion, 'transferReference'>, only?: string): Promise<void> {
    for (const application of only ? [only] : state.linkedApplications) {
      await getExternalWorkflowHandle(application)
        .signal(transferConcluded, { transferReference: reference, ...conclusion })
        .catch((error: unknown) => log.warn('Could not tell a grant how its transfer ended', { application, error: String(error) }));
    }
  }

  function conclusion(): Omit<TransferConclusion, 'transferReference'> | null {
    if (state.completion) return { outcome: 'completed', tenure: state.completion.tenure, at: state.completion.at };
    if (state.status === 'declined' || state.status === 'withdrawn' || state.status === 'lapsed')
      return { outcome: state.status, tenure: null, at: state.endedAt ?? start.at };
    return null;
  }

  return { moveTo, advance, end, tellGrants, conclusion };
}
