import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities/index.js';
import type { Bilingual } from '../domain/bilingual.js';
import { configurableStages, type ConfigurableStage, type Decider, type Gate, type GroupStage, type TransferStage } from '../domain/cat/process.js';
import { notTheOwningBody, stepNotInProcess, whoMayAct } from '../domain/cat/refusals.js';
import { firstStage, stageAfter } from '../domain/cat/stages.js';
import { deciderWording, isFinished, isOpen, stageOf, transferStatusWording, type TransferStatus } from '../domain/cat/status.js';
import { transferEventWording, type TransferEventType } from '../domain/cat/events.js';
import { completionRefusal, sameTenure, tenureRefusedByValuation, type ValuedCase } from '../domain/cat/heads-of-terms.js';
import { tenureWording, type TransferTenure } from '../domain/cat/tenure.js';
import { assessValuation } from '../domain/cat/valuation.js';
import { reportNotOpenYet, reportSchedule } from '../domain/cat/community-benefit-reports.js';
import { durationMs } from '../domain/duration.js';
import { documentKindLabel, labelList } from '../domain/labels.js';
import { formatPounds } from '../domain/money.js';
import { applicantRoles, type RoleName } from '../domain/roles.js';
import * as m from './asset-transfer.messages.js';
import { REFUSED_FORBIDDEN, type Command, type CommandActor } from './case/case.messages.js';
import { transferConcluded, type TransferConclusion } from './cfp-application.messages.js';
import { registerCommand } from './case/commands.js';
import { addMs, DurableTimers } from './case/durable-timers.js';
import { EventChain } from './case/event-chain.js';
import { commandRequestId } from './interceptors.js';
import { refuse } from './case/refusal.js';

type Activities = ReturnType<typeof createActivities>;

// Events are written by a scheduled activity, so only once the history holds them (see event-chain.ts),
// retried until written: a lost connection or a database restart only delays them. The local and the
// one-event activities are for cases begun before. Mail retries until sent; a message refused for good
// is marked failed in the outbox, for staff to see, and the case goes on.
const writeEvent = { startToCloseTimeout: '10 seconds', retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' } } as const;
const { recordTransferEvents: writeAfterHistory } = proxyActivities<Activities>(writeEvent);
const { recordTransferEvents } = proxyLocalActivities<Activities>(writeEvent);
const { recordTransferEvent } = proxyActivities<Activities>(writeEvent);
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

const assetOfficers: readonly RoleName[] = ['asset_officer'];

/**
 * One Community Asset Transfer, from the group's first enquiry to a completed licence, lease or freehold
 * and the years of community-benefit reports after it, under the owning body's own process (its stages,
 * gate deciders and durations are configuration). Most cases end early: declined at a gate, withdrawn by
 * the group, or lapsed when the group does not answer in time. Waits are durable timers: the group's
 * response window, an open-space notice's objection period, each stage's service level and each annual
 * report. When the transfer ends, every CFP application relying on it for tenure is told.
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

  // ---- Recording events, in order ------------------------------------------------------------------------

  const events = new EventChain<m.TransferEventRecord>({
    writeAfterHistory,
    write: recordTransferEvents,
    writeScheduled: recordTransferEvent,
    deliver: deliverNotifications,
  });

  function record(
    type: TransferEventType,
    at: string,
    actor: CommandActor | null,
    options: { payload?: Record<string, unknown>; notify?: m.TransferAudience[]; summary?: Bilingual } = {},
  ): Promise<number> {
    const sequence = ++state.lastSequence;
    const event: m.TransferEventRecord = {
      reference,
      sequence,
      type,
      at,
      actor,
      payload: options.payload ?? {},
      summary: options.summary ?? transferEventWording[type],
      notify: options.notify ?? [],
      // A copy: the state moves on while earlier events are still being written.
      state: JSON.parse(JSON.stringify(state)) as m.TransferState,
      requestId: commandRequestId(),
    };
    return events.append(event);
  }

  const timers = new DurableTimers();

  /** Which of the law's own steps this case takes, from what is known of it so far. */
  const facts = () => ({ needsMinistersConsent: state.evaluation?.needsMinistersConsent ?? false, openSpace: state.asset.openSpace });

  /** Moves the case to `status`, starting its service-level clock and, at a group stage, its response window. */
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

  /** On to the next stage of this case's route; after legal completion, to monitoring or the end. */
  function advance(at: string): void {
    const next = stageAfter(process, stageOf(state.status) as TransferStage, facts());
    moveTo(next ?? 'transferred', at);
  }

  /** Ends the case early; linked grants are told. */
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

  /** How the transfer ended, for a grant that asks after it has. */
  function conclusion(): Omit<TransferConclusion, 'transferReference'> | null {
    if (state.completion) return { outcome: 'completed', tenure: state.completion.tenure, at: state.completion.at };
    if (state.status === 'declined' || state.status === 'withdrawn' || state.status === 'lapsed')
      return { outcome: state.status, tenure: null, at: state.endedAt ?? start.at };
    return null;
  }

  // ---- Who may send a command, and when ------------------------------------------------------------------

  function mustBe(command: Command, roles: readonly RoleName[], statuses: readonly TransferStatus[]): void {
    const { actor } = command;
    if (!roles.includes(actor.role)) refuse(whoMayAct(roles, { group: state.organisation.name, owner: state.owner.name }), REFUSED_FORBIDDEN);
    if (applicantRoles.includes(actor.role) && actor.organisationId !== state.organisation.id) {
      refuse({ cy: 'Nid trosglwyddiad eich grŵp chi yw hwn', en: 'This is not your group’s transfer' }, REFUSED_FORBIDDEN);
    }
    if (actor.role === 'asset_officer' && actor.organisationId !== state.owner.id) refuse(notTheOwningBody(state.owner.name), REFUSED_FORBIDDEN);
    // A step the body's process does not have is not something the case waits for.
    const steps = statuses.filter((status): status is ConfigurableStage => (configurableStages as readonly string[]).includes(status));
    const missing = steps.length === statuses.length && steps.every((step) => !process.stages.includes(step)) ? steps[0] : undefined;
    if (missing && !statuses.includes(state.status)) refuse(stepNotInProcess(missing, state.owner.name));
    if (!statuses.includes(state.status)) {
      const where = transferStatusWording[state.status];
      refuse({ cy: `Ni ellir gwneud hyn nawr: ${where.cy.toLowerCase()}`, en: `This cannot be done now: ${where.en.toLowerCase()}` });
    }
  }

  /** The decider the command names must be the one the body's process gives the gate. */
  function mustBeDecidedBy(gate: Gate, decidedBy: Decider): void {
    const expected = process.deciders[gate];
    if (expected && decidedBy !== expected) {
      refuse(
        { cy: `Yn y corff hwn, ${deciderWording[expected].cy} sy’n penderfynu hyn`, en: `In this body, ${deciderWording[expected].en} decides this` },
        REFUSED_FORBIDDEN,
      );
    }
  }

  function mustHaveTerm(tenure: TransferTenure): void {
    if (tenure.kind !== 'freehold' && (tenure.termYears === null || tenure.termYears < 1)) {
      refuse({ cy: 'Rhowch hyd y brydles neu’r drwydded mewn blynyddoedd', en: 'Give the term of the lease or licence in years' });
    }
  }

  /** What the evaluation valued, for weighing a tenure other than the one it valued. */
  function valued(evaluation: NonNullable<m.TransferState['evaluation']>): ValuedCase {
    const { marketValuePence, considerationPence, wellBeingJustification } = evaluation;
    return { marketValuePence, considerationPence, wellBeingJustification, ministersConsented: state.consent?.outcome === 'granted' };
  }

  /** Completion grants the tenure heads of terms agreed, or records a variation the body agreed. */
  function mustGrantAgreedTerms(cmd: m.CompleteTransfer): void {
    const agreed = state.headsOfTerms?.tenure;
    if (!agreed || !state.evaluation) {
      if (cmd.variation)
        refuse({
          cy: 'Cytunwyd ar benawdau’r telerau heb ddaliadaeth: nid oes dim i’w amrywio',
          en: 'The heads of terms were agreed without a tenure: there is nothing to vary',
        });
      return;
    }
    const refusal = completionRefusal(
      { agreed, tenure: cmd.tenure, variation: cmd.variation ?? null, termsDecider: process.deciders.heads_of_terms },
      valued(state.evaluation),
      process.valuation,
    );
    if (refusal) refuse(refusal.reason, refusal.forbidden ? REFUSED_FORBIDDEN : undefined);
  }

  function mustHaveDocuments(stage: GroupStage, documents: m.TransferDocument[]): void {
    const missing = (process.requiredDocuments[stage] ?? []).filter((kind) => !documents.some((d) => d.kind === kind));
    if (missing.length === 0) return;
    const names = labelList(missing.map(documentKindLabel));
    refuse({ cy: `Mae dogfennau ar goll: ${names.cy}`, en: `Documents are missing: ${names.en}` });
  }

  /** A command on the case: its result is the status it left the case in and the event it wrote. */
  function command<C extends Command, N extends string>(
    definition: UpdateDefinition<m.TransferCommandResult, [C], N>,
    check: (command: NoInfer<C>) => void,
    apply: (command: NoInfer<C>) => Promise<number>,
  ): void {
    registerCommand(definition, check, (cmd) => {
      // The first asset officer to act on the case handles it, until reassigned.
      if (cmd.actor.role === 'asset_officer') state.caseOfficerId ??= cmd.actor.personId;
      const recorded = apply(cmd);
      const status = state.status;
      // The last event queued when the command is done: its own, and perhaps another's queued while it
      // awaited something (a signal); events are written in order, so waiting for that one is enough.
      return recorded.then((sequence) => ({ reference, status, sequence, recordedUpTo: state.lastSequence }));
    });
  }

  // The case's first event, before any handler is registered.
  moveTo(state.status, start.at);
  const started = record('transfer.started', start.at, start.createdBy, {
    payload: { processVersion: process.version, assetId: start.asset.id, proposedUse: start.proposedUse, message: start.message },
    notify: ['group', 'asset_officers'],
  });

  // ---- Enquiry, expression of interest, initial assessment, business plan --------------------------------

  command(
    m.respondToEnquiry,
    (cmd) => mustBe(cmd, assetOfficers, ['enquiry']),
    async (cmd) => {
      if (cmd.outcome === 'decline') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, { payload: { stage: 'enquiry', reasons: cmd.reasons }, notify: ['group'] });
      }
      advance(cmd.at);
      return record('enquiry.answered', cmd.at, cmd.actor, { payload: { reasons: cmd.reasons }, notify: ['group'] });
    },
  );

  command(
    m.submitExpressionOfInterest,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['expression_of_interest']);
      mustHaveDocuments('expression_of_interest', cmd.documents);
    },
    (cmd) => {
      state.proposedUse = cmd.proposedUse;
      state.expressionOfInterest = { communityBenefit: cmd.communityBenefit, documents: cmd.documents, at: cmd.at };
      advance(cmd.at);
      return record('expression_of_interest.submitted', cmd.at, cmd.actor, { payload: { documents: cmd.documents }, notify: ['group', 'asset_officers'] });
    },
  );

  command(
    m.submitBusinessPlan,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['business_plan']);
      mustHaveDocuments('business_plan', cmd.documents);
    },
    (cmd) => {
      state.businessPlan = { summary: cmd.summary, documents: cmd.documents, at: cmd.at };
      advance(cmd.at);
      return record('business_plan.submitted', cmd.at, cmd.actor, { payload: { documents: cmd.documents }, notify: ['group', 'case_officer'] });
    },
  );

  command(
    m.recordGateDecision,
    (cmd) => {
      mustBe(cmd, assetOfficers, [cmd.gate]);
      mustBeDecidedBy(cmd.gate, cmd.decidedBy);
    },
    async (cmd) => {
      state.gates.push({
        gate: cmd.gate,
        decidedBy: cmd.decidedBy,
        outcome: cmd.outcome,
        reasons: cmd.reasons,
        minuteReference: cmd.minuteReference,
        at: cmd.at,
      });
      const payload = { gate: cmd.gate, decidedBy: cmd.decidedBy, outcome: cmd.outcome, reasons: cmd.reasons, minuteReference: cmd.minuteReference };
      const by = deciderWording[cmd.decidedBy];
      if (cmd.outcome === 'decline') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: `Gwrthododd ${by.cy} y trosglwyddiad`, en: `The transfer was declined by ${by.en}` },
        });
      }
      advance(cmd.at);
      if (cmd.gate === 'decision') {
        return record('decision.approved', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: `Cymeradwyodd ${by.cy} y trosglwyddiad`, en: `The transfer was approved by ${by.en}` },
        });
      }
      return record('gate.passed', cmd.at, cmd.actor, {
        payload,
        notify: ['group'],
        summary: { cy: `Cytunodd ${by.cy} y gall y trosglwyddiad fynd ymlaen`, en: `${capitalise(by.en)} agreed the transfer can go on` },
      });
    },
  );

  // ---- Evaluation, consent, heads of terms ---------------------------------------------------------------

  command(
    m.recordEvaluation,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['evaluation']);
      mustHaveTerm(cmd.tenure);
      const outcome = assessValuation(cmd, process.valuation);
      if (outcome.needsWellBeingJustification && !cmd.wellBeingJustification) {
        refuse({
          cy: `Mae angen cyfiawnhad llesiant am werthu am lai na’r gwerth (${formatPounds(outcome.undervaluePence)})`,
          en: `A well-being justification is needed for the undervalue (${formatPounds(outcome.undervaluePence)})`,
        });
      }
    },
    (cmd) => {
      const { marketValuePence, valuer, considerationPence, tenure, repairingObligations, wellBeingJustification } = cmd;
      state.evaluation = {
        marketValuePence,
        valuer,
        considerationPence,
        tenure,
        repairingObligations,
        wellBeingJustification,
        ...assessValuation(cmd, process.valuation),
        at: cmd.at,
      };
      advance(cmd.at);
      return record('evaluation.recorded', cmd.at, cmd.actor, {
        payload: {
          tenure: cmd.tenure,
          undervaluePence: state.evaluation.undervaluePence,
          needsMinistersConsent: state.evaluation.needsMinistersConsent,
          bestConsiderationApplies: state.evaluation.bestConsiderationApplies,
        },
        notify: ['group'],
        summary: { cy: `Cofnodwyd y gwerthusiad: ${tenureWording(cmd.tenure).cy}`, en: `The evaluation was recorded: ${tenureWording(cmd.tenure).en}` },
      });
    },
  );

  command(
    m.recordMinistersConsent,
    (cmd) => mustBe(cmd, assetOfficers, ['ministers_consent']),
    async (cmd) => {
      state.consent = { outcome: cmd.outcome, consentReference: cmd.consentReference, at: cmd.at };
      const payload = { outcome: cmd.outcome, consentReference: cmd.consentReference, reasons: cmd.reasons };
      if (cmd.outcome === 'refused') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: 'Ni roddodd Gweinidogion Cymru eu cydsyniad', en: 'The Welsh Ministers did not consent' },
        });
      }
      advance(cmd.at);
      return record('consent.granted', cmd.at, cmd.actor, { payload, notify: ['group'] });
    },
  );

  /** The tenure heads of terms agree: the one given, else the one evaluated. */
  const agreedTenure = (cmd: m.AgreeHeadsOfTerms) => cmd.tenure ?? state.evaluation?.tenure ?? null;

  command(
    m.agreeHeadsOfTerms,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['heads_of_terms']);
      mustBeDecidedBy('heads_of_terms', cmd.decidedBy);
      const tenure = agreedTenure(cmd);
      if (tenure) mustHaveTerm(tenure);
      const evaluated = state.evaluation;
      if (tenure && evaluated && !sameTenure(tenure, evaluated.tenure)) {
        const refusal = tenureRefusedByValuation(tenure, valued(evaluated), process.valuation);
        if (refusal) refuse(refusal);
      }
    },
    (cmd) => {
      const tenure = agreedTenure(cmd);
      // Heads of terms agreed before they carried a tenure replay without one, and their completion is
      // not checked against it.
      state.headsOfTerms = { decidedBy: cmd.decidedBy, summary: cmd.summary, tenure: patched(headsOfTermsTenure) ? tenure : null, at: cmd.at };
      advance(cmd.at);
      return record('heads_of_terms.agreed', cmd.at, cmd.actor, {
        payload: { decidedBy: cmd.decidedBy, summary: cmd.summary, tenure: state.headsOfTerms.tenure },
        notify: ['group'],
        ...(state.headsOfTerms.tenure
          ? {
              summary: {
                cy: `Cytunwyd ar benawdau’r telerau: ${tenureWording(state.headsOfTerms.tenure).cy}`,
                en: `Heads of terms were agreed: ${tenureWording(state.headsOfTerms.tenure).en}`,
              },
            }
          : {}),
      });
    },
  );

  // ---- Open space: notice, objections, consideration -----------------------------------------------------

  command(
    m.publishOpenSpaceNotice,
    (cmd) => mustBe(cmd, assetOfficers, ['open_space_notice']),
    (cmd) => {
      const objectionsCloseAt = addMs(cmd.at, durationMs(process.durations.objectionPeriod));
      state.openSpace = { publishedIn: cmd.publishedIn, publishedAt: cmd.at, objectionsCloseAt, objections: [], considered: null };
      moveTo('objection_period', cmd.at);
      timers.set('objections_close', objectionsCloseAt, cmd.at);
      return record('open_space.notice_published', cmd.at, cmd.actor, { payload: { publishedIn: cmd.publishedIn, objectionsCloseAt }, notify: ['group'] });
    },
  );

  command(
    m.recordObjection,
    (cmd) => mustBe(cmd, assetOfficers, ['objection_period']),
    (cmd) => {
      state.openSpace?.objections.push({ objector: cmd.objector, summary: cmd.summary, at: cmd.at });
      return record('open_space.objection_received', cmd.at, cmd.actor, { payload: { objector: cmd.objector, summary: cmd.summary }, notify: ['group'] });
    },
  );

  command(
    m.considerObjections,
    (cmd) => mustBe(cmd, assetOfficers, ['objections_consideration']),
    async (cmd) => {
      if (state.openSpace) state.openSpace.considered = { outcome: cmd.outcome, reasons: cmd.reasons };
      const payload = { outcome: cmd.outcome, reasons: cmd.reasons, objections: state.openSpace?.objections.length ?? 0 };
      if (cmd.outcome === 'decline') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: 'Gwrthodwyd y trosglwyddiad ar ôl ystyried gwrthwynebiadau', en: 'The transfer was declined after the objections were considered' },
        });
      }
      advance(cmd.at);
      return record('open_space.objections_considered', cmd.at, cmd.actor, { payload, notify: ['group'] });
    },
  );

  // ---- Completion and monitoring -------------------------------------------------------------------------

  command(
    m.completeTransfer,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['legal_completion']);
      mustBeDecidedBy('legal_completion', cmd.decidedBy);
      mustHaveTerm(cmd.tenure);
      mustGrantAgreedTerms(cmd);
    },
    async (cmd) => {
      const agreed = state.headsOfTerms?.tenure;
      const variation = cmd.variation && agreed ? { from: agreed, to: cmd.tenure, agreedBy: cmd.variation.agreedBy, reasons: cmd.variation.reasons } : null;
      state.completion = { tenure: cmd.tenure, completedOn: cmd.completedOn, at: cmd.at, variation };
      const reports = process.stages.includes('monitoring') ? process.monitoring.reports : 0;
      if (reports > 0) {
        moveTo('monitoring', cmd.at);
        state.monitoring = { reportsDue: reports, received: [], next: null };
        scheduleReport(1, cmd.at);
      } else {
        moveTo('transferred', cmd.at);
      }
      const completed = record('transfer.completed', cmd.at, cmd.actor, {
        payload: { decidedBy: cmd.decidedBy, tenure: cmd.tenure, completedOn: cmd.completedOn, ...(variation ? { variation } : {}) },
        notify: ['group', 'asset_officers'],
        summary: completionSummary(cmd.tenure, variation),
      });
      await tellGrants({ outcome: 'completed', tenure: cmd.tenure, at: cmd.at });
      return completed;
    },
  );

  /**
   * Report `number` falls due on that anniversary of completion in Wales and may be sent from the process's
   * window before it; reminders and escalation hang on it. Reports scheduled before reports had a window
   * fell due that many exact intervals after completion and open at once.
   */
  function scheduleReport(number: number, now: string): void {
    const completedAt = state.completion?.at ?? now;
    if (patched(reportsOnAnniversaries)) {
      const { opensAt, remindAt, dueAt, overdueAt } = reportSchedule(completedAt, number, process.monitoring);
      if (state.monitoring) state.monitoring.next = { number, dueAt, opensAt };
      state.groupAction = { action: 'send_community_benefit_report', dueAt };
      timers.set('report_reminder', remindAt, now);
      timers.set('report_due', dueAt, now);
      timers.set('report_overdue', overdueAt, now);
      return;
    }
    const dueAt = addMs(completedAt, number * durationMs(process.monitoring.reportEvery));
    if (state.monitoring) state.monitoring.next = { number, dueAt };
    state.groupAction = { action: 'send_community_benefit_report', dueAt };
    timers.set('report_reminder', addMs(dueAt, -durationMs(process.monitoring.reminderBefore)), now);
    timers.set('report_due', dueAt, now);
    timers.set('report_overdue', addMs(dueAt, durationMs(process.monitoring.overdueAfter)), now);
  }

  /** A report is sent once its window has opened (reports scheduled before windows have none). */
  function mustBeOpen(cmd: m.SubmitCommunityBenefitReport): void {
    const next = state.monitoring?.next;
    if (next?.opensAt && Date.parse(cmd.at) < Date.parse(next.opensAt)) refuse(reportNotOpenYet(next.number, { opensAt: next.opensAt, dueAt: next.dueAt }));
  }

  command(
    m.submitCommunityBenefitReport,
    (cmd) => {
      mustBe(cmd, applicantRoles, ['monitoring']);
      mustBeOpen(cmd);
    },
    (cmd) => {
      const monitoring = state.monitoring;
      const number = monitoring?.next?.number ?? 1;
      monitoring?.received.push({ number, summary: cmd.summary, peopleServed: cmd.peopleServed, stillInCommunityUse: cmd.stillInCommunityUse, at: cmd.at });
      timers.cancelStartingWith('report_');
      if (monitoring && number < monitoring.reportsDue) {
        scheduleReport(number + 1, cmd.at);
      } else {
        if (monitoring) monitoring.next = null;
        state.groupAction = null;
        moveTo('monitoring_complete', cmd.at);
      }
      // A group saying community use has stopped is for the case officer to act on.
      return record('monitoring.report_received', cmd.at, cmd.actor, {
        payload: { number, peopleServed: cmd.peopleServed, stillInCommunityUse: cmd.stillInCommunityUse },
        notify: cmd.stillInCommunityUse ? ['group'] : ['group', 'case_officer'],
      });
    },
  );

  command(
    m.recordCommunityUseStopped,
    (cmd) => mustBe(cmd, assetOfficers, ['monitoring']),
    (cmd) => {
      timers.cancelAll();
      state.closingReason = cmd.reason;
      state.groupAction = null;
      if (state.monitoring) state.monitoring.next = null;
      moveTo('returned', cmd.at);
      return record('community_use.stopped', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['group', 'asset_officers'] });
    },
  );

  // ---- At any point --------------------------------------------------------------------------------------

  const openStatuses = (): TransferStatus[] => (isOpen(state.status) ? [state.status] : []);

  command(
    m.withdrawTransfer,
    (cmd) => mustBe(cmd, applicantRoles, openStatuses()),
    async (cmd) => {
      await end('withdrawn', cmd.at, cmd.reason);
      return record('transfer.withdrawn', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['group', 'case_officer'] });
    },
  );

  command(
    m.reassignTransferOfficer,
    (cmd) => mustBe(cmd, assetOfficers, [...openStatuses(), 'monitoring']),
    (cmd) => {
      state.caseOfficerId = cmd.caseOfficerId;
      return record('case_officer.assigned', cmd.at, cmd.actor, { payload: { caseOfficerId: cmd.caseOfficerId }, notify: ['case_officer'] });
    },
  );

  command(
    m.addTransferNote,
    (cmd) => mustBe(cmd, assetOfficers, [state.status]),
    (cmd) => record('note.added', cmd.at, cmd.actor, { payload: { text: cmd.text } }),
  );

  // A grant names this transfer for its tenure: remember it (the timeline shows the link) and, if the
  // transfer has already ended, answer at once.
  const links: { applicationReference: string; at: string }[] = [];
  setHandler(m.grantLinked, (link) => {
    links.push(link);
  });

  setHandler(m.transferState, () => state);
  setHandler(m.transferOpened, async () => {
    const sequence = await started;
    return { reference, status: state.status, sequence, recordedUpTo: sequence };
  });

  // ---- When a timer fires --------------------------------------------------------------------------------

  async function onTimer({ name, at }: { name: string; at: string }): Promise<void> {
    if (name === 'group_reminder' && state.groupAction) {
      await record('group.reminder', at, null, { payload: { dueAt: state.groupAction.dueAt }, notify: ['group'] });
    } else if (name === 'group_lapse' && state.groupAction) {
      await end('lapsed', at, null);
      await record('transfer.lapsed', at, null, { notify: ['group', 'case_officer'] });
    } else if (name === 'clock' && state.clock && !state.clock.breached) {
      state.clock = { ...state.clock, breached: true };
      await record('service_level.breached', at, null, {
        payload: { stage: state.clock.stage },
        notify: state.caseOfficerId ? ['case_officer', 'case_officer_manager'] : ['asset_officers'],
      });
    } else if (name === 'objections_close' && state.status === 'objection_period') {
      const objections = state.openSpace?.objections.length ?? 0;
      if (objections === 0) advance(at);
      else moveTo('objections_consideration', at);
      await record('open_space.period_ended', at, null, { payload: { objections }, notify: objections === 0 ? ['group'] : ['group', 'case_officer'] });
    } else if (name === 'report_reminder' && state.monitoring?.next) {
      await record('monitoring.reminder', at, null, {
        payload: { number: state.monitoring.next.number, dueAt: state.monitoring.next.dueAt },
        notify: ['group'],
      });
    } else if (name === 'report_due' && state.monitoring?.next) {
      await record('monitoring.report_due', at, null, { payload: { number: state.monitoring.next.number }, notify: ['group'] });
    } else if (name === 'report_overdue' && state.monitoring?.next) {
      await record('monitoring.overdue', at, null, {
        payload: { number: state.monitoring.next.number },
        notify: ['group', 'case_officer', 'case_officer_manager'],
      });
    }
  }

  async function onLink({ applicationReference, at }: { applicationReference: string; at: string }): Promise<void> {
    if (state.linkedApplications.includes(applicationReference)) return;
    state.linkedApplications.push(applicationReference);
    await record('grant.linked', at, null, { payload: { applicationReference }, notify: ['case_officer'] });
    const ended = conclusion();
    if (ended) await tellGrants(ended, applicationReference);
  }

  await started;
  while (!isFinished(state.status)) {
    await condition(() => timers.fired.length > 0 || links.length > 0 || isFinished(state.status));
    for (let next = timers.fired.shift(); next; next = timers.fired.shift()) await onTimer(next);
    for (let link = links.shift(); link; link = links.shift()) await onLink(link);
  }

  timers.cancelAll();
  await condition(allHandlersFinished);
  await events.settled();
  return state;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Heads of terms record the tenure agreed, and completion is checked against it. Patched: the patch marker
 * is written where heads of terms are agreed, so a case agreed before replays as it ran.
 */
const headsOfTermsTenure = 'heads-of-terms-tenure';
/**
 * Community-benefit reports fall due on anniversaries of completion in Wales and open a configured window
 * before (process.monitoring.opensBefore), instead of every reportEvery of exact milliseconds and open at
 * once. Marked where a report is scheduled (at completion, and as each report is received).
 */
const reportsOnAnniversaries = 'community-benefit-reports-on-anniversaries';

function completionSummary(tenure: TransferTenure, variation: m.CompletedVariation | null): Bilingual {
  const granted = tenureWording(tenure);
  if (!variation) return { cy: `Cwblhawyd y trosglwyddiad: ${granted.cy}`, en: `The transfer was completed: ${granted.en}` };
  const agreed = tenureWording(variation.from);
  const by = deciderWording[variation.agreedBy];
  return {
    cy: `Cwblhawyd y trosglwyddiad: ${granted.cy} (yn ôl penawdau’r telerau, ${agreed.cy}; cytunodd ${by.cy} i’r newid)`,
    en: `The transfer was completed: ${granted.en} (the heads of terms agreed ${agreed.en}; ${by.en} agreed the change)`,
  };
}
