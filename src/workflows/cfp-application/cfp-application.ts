import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { eventWording } from '../../domain/cfp/events.js';
import { isClosed } from '../../domain/cfp/status.js';
import { caseCommands } from '../case/case-command.js';
import { DurableTimers } from '../case/durable-timers.js';
import { EventChain } from '../case/event-chain.js';
import { eventRecorder } from '../case/event-recorder.js';
import * as m from '../cfp-application.messages.js';
import { applicationEventWriters } from './activities.js';
import type { ApplicationCase } from './application-case.js';
import { serviceClock } from './clock.js';
import { registerCasework } from './casework.js';
import { registerDecision } from './decision.js';
import { registerExpressionOfInterest } from './expression-of-interest.js';
import { registerFullApplication } from './full-application.js';
import { applicationGuard } from './guards.js';
import { registerInformationRequests } from './information-requests.js';
import { registerTenure } from './tenure.js';
import { onTimer } from './timers.js';

/**
 * One Community Facilities Programme application, from the first draft of its expression of interest to
 * an accepted offer (or any of the ways a case ends before that). Months of waiting are durable timers:
 * the full application's deadline and its reminders, the offer's acceptance deadline and each stage's
 * service-level clock. Each transition is written once, in order, by the recordCaseEvent activity. The
 * handlers of each stage are in this folder's stage modules, registered here in a fixed order.
 */
export async function cfpApplicationWorkflow(start: m.CfpApplicationStart): Promise<m.CfpApplicationState> {
  const { policy, reference } = start;
  const state: m.CfpApplicationState = {
    reference,
    policyVersion: policy.version,
    organisation: start.organisation,
    language: start.language,
    projectTitle: start.projectTitle,
    status: 'eoi_draft',
    caseOfficerId: null,
    fastTrack: false,
    eoi: {},
    area: null,
    tier: null,
    screening: null,
    fullApplication: {},
    conflicts: [],
    assessments: [],
    moderation: null,
    score: null,
    recommendation: null,
    decision: null,
    offer: null,
    informationRequest: null,
    clock: null,
    applicantAction: { action: 'send_eoi', dueAt: null },
    fullApplicationDueAt: null,
    closingReason: null,
    tenureTransfer: null,
    lastSequence: 0,
  };

  const events = new EventChain<m.CaseEventRecord>(applicationEventWriters);
  const record = eventRecorder(reference, state, eventWording, events);

  // The case's first event, before any handler is registered: an update sent with the start (the API's
  // update-with-start) runs as soon as its handler is set, and must come after it.
  const started = record('application.started', start.at, start.createdBy, { payload: { policyVersion: policy.version, projectTitle: start.projectTitle } });

  const timers = new DurableTimers();
  const application: ApplicationCase = {
    reference,
    policy,
    state,
    record,
    timers,
    clock: serviceClock(state, policy, timers),
    mustBe: applicationGuard(state),
    command: caseCommands(reference, state),
  };

  // The order handlers are registered in is the order an update sent with the start meets them: keep it.
  registerExpressionOfInterest(application);
  registerFullApplication(application);
  registerDecision(application);
  registerInformationRequests(application);
  registerCasework(application);
  const tenure = registerTenure(application);
  setHandler(m.applicationState, () => state);

  // An accepted grant whose tenure rests on a transfer stays open until the transfer ends and, if it fell
  // through, until the case officer decides.
  const finished = () => isClosed(state.status) && !(state.status === 'accepted' && tenure.tenureOutstanding());

  await started;
  while (!finished()) {
    await condition(() => timers.fired.length > 0 || tenure.conclusions.length > 0 || finished());
    let next = timers.fired.shift();
    while (next) {
      await onTimer(application, next);
      next = timers.fired.shift();
    }
    let conclusion = tenure.conclusions.shift();
    while (conclusion) {
      await tenure.concludeTenure(conclusion);
      conclusion = tenure.conclusions.shift();
    }
  }

  timers.cancelAll();
  await condition(allHandlersFinished);
  await events.settled();
  return state;
}
