import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { transferEventWording } from '../../domain/cat/events.js';
import { firstStage } from '../../domain/cat/stages.js';
import { isFinished } from '../../domain/cat/status.js';
import { caseCommands } from '../case/case-command.js';
import { DurableTimers } from '../case/durable-timers.js';
import { EventChain } from '../case/event-chain.js';
import { eventRecorder } from '../case/event-recorder.js';
import * as m from '../asset-transfer.messages.js';
import { transferEventWriters } from './activities.js';
import { registerCasework } from './casework.js';
import { registerCompletion } from './completion.js';
import { registerEarlyStages } from './early-stages.js';
import { registerGrantLinks } from './grant-links.js';
import { transferGuard } from './guards.js';
import { registerOpenSpace } from './open-space.js';
import { transferRoute } from './route.js';
import { registerTerms } from './terms.js';
import { onTimer } from './timers.js';
import type { TransferCase } from './transfer-case.js';

/**
 * One Community Asset Transfer, from the group's first enquiry to a completed licence, lease or freehold
 * and the years of community-benefit reports after it, under the owning body's own process (its stages,
 * gate deciders and durations are configuration). Most cases end early: declined at a gate, withdrawn by
 * the group, or lapsed when the group does not answer in time. Waits are durable timers: the group's
 * response window, an open-space notice's objection period, each stage's service level and each annual
 * report. When the transfer ends, every CFP application relying on it for tenure is told. The handlers of
 * each stage are in this folder's stage modules, registered here in a fixed order.
 */
export async function assetTransferWorkflow(start: m.TransferStart): Promise<m.TransferState> {
  const { process, reference } = start;
  const state: m.TransferState = {
    reference,
    processVersion: process.version,
    owner: start.owner,
    organisation: start.organisation,
    asset: start.asset,
    language: start.language,
    status: firstStage(process, { needsMinistersConsent: false, openSpace: start.asset.openSpace }),
    caseOfficerId: null,
    proposedUse: start.proposedUse,
    expressionOfInterest: null,
    businessPlan: null,
    gates: [],
    evaluation: null,
    consent: null,
    headsOfTerms: null,
    openSpace: null,
    completion: null,
    monitoring: null,
    clock: null,
    groupAction: null,
    linkedApplications: [],
    closingReason: null,
    endedAt: null,
    lastSequence: 0,
  };

  const events = new EventChain<m.TransferEventRecord>(transferEventWriters);
  const record = eventRecorder(reference, state, transferEventWording, events);
  const timers = new DurableTimers();
  const route = transferRoute(start, state, process, timers);
  const transfer: TransferCase = {
    reference,
    start,
    process,
    state,
    record,
    timers,
    route,
    mustBe: transferGuard(state, process),
    // The first asset officer to act on the case handles it, until reassigned.
    command: caseCommands(reference, state, (cmd) => {
      if (cmd.actor.role === 'asset_officer') state.caseOfficerId ??= cmd.actor.personId;
    }),
  };

  // The case's first event, before any handler is registered.
  route.moveTo(state.status, start.at);
  const started = record('transfer.started', start.at, start.createdBy, {
    payload: { processVersion: process.version, assetId: start.asset.id, proposedUse: start.proposedUse, message: start.message },
    notify: ['group', 'asset_officers'],
  });

  // The order handlers are registered in is the order an update sent with the start meets them: keep it.
  registerEarlyStages(transfer);
  registerTerms(transfer);
  registerOpenSpace(transfer);
  registerCompletion(transfer);
  registerCasework(transfer);
  const grants = registerGrantLinks(transfer);

  setHandler(m.transferState, () => state);
  setHandler(m.transferOpened, async () => {
    const sequence = await started;
    return { reference, status: state.status, sequence, recordedUpTo: sequence };
  });

  await started;
  while (!isFinished(state.status)) {
    await condition(() => timers.fired.length > 0 || grants.links.length > 0 || isFinished(state.status));
    for (let next = timers.fired.shift(); next; next = timers.fired.shift()) await onTimer(transfer, next);
    for (let link = grants.links.shift(); link; link = grants.links.shift()) await grants.onLink(link);
  }

  timers.cancelAll();
  await condition(allHandlersFinished);
  await events.settled();
  return state;
}
