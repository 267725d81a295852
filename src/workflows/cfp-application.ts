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
import {
  answerFields,
  eoiFields,
  fullApplicationFields,
  missingFields,
  type AnswerField,
  type EoiAnswers,
  type FullApplicationAnswers,
} from '../domain/cfp/answers.js';
import { tenureMeetsGrant } from '../domain/cat/tenure.js';
import { authorityRefusal } from '../domain/cfp/authority.js';
import { screenEligibility, tierFor } from '../domain/cfp/eligibility.js';
import { capExceeded, capReason, capWhenExceeded, type RecentAwards } from '../domain/cfp/organisation-cap.js';
import { eventWording, type CfpEventType } from '../domain/cfp/events.js';
import { meanTotal, needsModeration, priorityScore, scoresProblem, weightedTotal } from '../domain/cfp/scoring.js';
import { clockFor, isClosed, statusWording, type CfpStatus } from '../domain/cfp/status.js';
import { durationMs } from '../domain/duration.js';
import { answerFieldLabels, labelList } from '../domain/labels.js';
import { applicantRoles, type RoleName } from '../domain/roles.js';
import { separationOfDutiesRefusal } from '../domain/separation-of-duties.js';
import { onlyRolesMay } from '../domain/who-may-act.js';
import { grantLinked } from './asset-transfer.messages.js';
import * as m from './cfp-application.messages.js';
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
const { recordCaseEvents: writeAfterHistory } = proxyActivities<Activities>(writeEvent);
const { recordCaseEvents } = proxyLocalActivities<Activities>(writeEvent);
const { recordCaseEvent } = proxyActivities<Activities>(writeEvent);
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** Patches: what changed in the commands a running case makes, each with both paths kept (test/histories). */
const informationRequestOpenUntilAnswered = 'information-request-open-until-answered';
/** Linking a transfer that has ended already tells the transfer too, and settles the condition as of the link. */
const tenureLinkToldToTransfer = 'tenure-link-told-to-transfer';
/** A case officer given by the programme's rule as the expression of interest is sent. */
const caseOfficerOnSubmission = 'case-officer-on-submission';

const caseworkers: readonly RoleName[] = ['caseworker', 'administrator'];
const decisionMakers: readonly RoleName[] = ['approver', 'panel_member'];

/**
 * One Community Facilities Programme application, from the first draft of its expression of interest to
 * an accepted offer (or any of the ways a case ends before that). Months of waiting are durable timers:
 * the full application's deadline and its reminders, the offer's acceptance deadline and each stage's
 * service-level clock. Each transition is written once, in order, by the recordCaseEvent activity.
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

  // ---- Recording events, in order ------------------------------------------------------------------------

  const events = new EventChain<m.CaseEventRecord>({
    writeAfterHistory,
    write: recordCaseEvents,
    writeScheduled: recordCaseEvent,
    deliver: deliverNotifications,
  });

  /** Writes one event (read model, audit, timeline, outbox), then sends its notifications; resolves to its sequence once written. */
  function record(
    type: CfpEventType,
    at: string,
    actor: m.CommandActor | null,
    options: { payload?: Record<string, unknown>; notify?: m.NotificationAudience[]; summary?: Bilingual; award?: m.CaseEventRecord['award'] } = {},
  ): Promise<number> {
    const sequence = ++state.lastSequence;
    const event: m.CaseEventRecord = {
      reference,
      sequence,
      type,
      at,
      actor,
      payload: options.payload ?? {},
      summary: options.summary ?? eventWording[type],
      notify: options.notify ?? [],
      // A copy: the state moves on while earlier events are still being written.
      state: JSON.parse(JSON.stringify(state)) as m.CfpApplicationState,
      requestId: commandRequestId(),
      ...(options.award ? { award: options.award } : {}),
    };
    return events.append(event);
  }

  // The case's first event, before any handler is registered: an update sent with the start (the API's
  // update-with-start) runs as soon as its handler is set, and must come after it.
  const started = record('application.started', start.at, start.createdBy, { payload: { policyVersion: policy.version, projectTitle: start.projectTitle } });

  // ---- Durable timers -------------------------------------------------------------------------------------

  const timers = new DurableTimers();
  const setTimer = (name: string, dueAt: string, now: string) => timers.set(name, dueAt, now);
  const cancelTimer = (name: string) => timers.cancel(name);
  const cancelTimersStartingWith = (prefix: string) => timers.cancelStartingWith(prefix);

  function scheduleFullApplicationDeadline(dueAt: string, now: string): void {
    state.fullApplicationDueAt = dueAt;
    state.applicantAction = { action: 'send_full_application', dueAt };
    setTimer('full_application_due', dueAt, now);
    cancelTimersStartingWith('full_application_reminder');
    policy.durations.fullApplicationReminders.forEach((before, i) => {
      const remindAt = addMs(dueAt, -durationMs(before));
      if (Date.parse(remindAt) > Date.parse(now)) setTimer(`full_application_reminder:${i}`, remindAt, now);
    });
  }

  function serviceLevelMs(stage: string): number {
    const levels = state.fastTrack ? policy.durations.fastTrackServiceLevels : policy.durations.serviceLevels;
    return durationMs(levels[stage as keyof typeof levels]);
  }

  /** Moves the case on, starting the new stage's service-level clock (or stopping the old one). */
  function moveTo(status: CfpStatus, at: string): void {
    const before = clockFor(state.status);
    state.status = status;
    const after = clockFor(status);
    if (isClosed(status)) {
      state.applicantAction = null;
      state.informationRequest = null;
    }
    if (after === before && state.clock) return;
    cancelTimer('clock');
    if (!after) {
      state.clock = null;
      return;
    }
    const dueAt = addMs(at, serviceLevelMs(after));
    state.clock = { stage: after, dueAt, pausedRemainingMs: null, breached: false };
    if (state.informationRequest) pauseClock(at);
    else setTimer('clock', dueAt, at);
  }

  function pauseClock(at: string): void {
    if (!state.clock?.dueAt) return;
    state.clock = { ...state.clock, dueAt: null, pausedRemainingMs: Math.max(0, Date.parse(state.clock.dueAt) - Date.parse(at)) };
    cancelTimer('clock');
  }

  function resumeClock(at: string): void {
    if (!state.clock || state.clock.pausedRemainingMs === null) return;
    const dueAt = addMs(at, state.clock.pausedRemainingMs);
    state.clock = { ...state.clock, dueAt, pausedRemainingMs: null };
    if (!state.clock.breached) setTimer('clock', dueAt, at);
  }

  // ---- Who may send a command, and when ------------------------------------------------------------------

  /** Refuses sending answers with questions unanswered, naming them as the forms do, in each language. */
  function unanswered(missing: readonly AnswerField[]): never {
    const names = labelList(missing.map((field) => answerFieldLabels[field]));
    return refuse({ cy: `Atebwch bob cwestiwn cyn anfon: ${names.cy}`, en: `Answer every question before sending: ${names.en}` });
  }

  function mustBe(command: m.Command, roles: readonly RoleName[], statuses: readonly CfpStatus[]): void {
    const { actor } = command;
    if (!roles.includes(actor.role)) {
      // Who may, in the refusal: "Only the group’s lead can do this on this application".
      const only = onlyRolesMay(roles);
      refuse({ cy: `${only.cy} ar y cais hwn`, en: `${only.en} on this application` }, m.REFUSED_FORBIDDEN);
    }
    if (applicantRoles.includes(actor.role) && actor.organisationId !== state.organisation.id) {
      refuse({ cy: 'Nid cais eich grŵp chi yw hwn', en: 'This is not your group’s application' }, m.REFUSED_FORBIDDEN);
    }
    if (!statuses.includes(state.status)) {
      const where = statusWording[state.status];
      refuse({ cy: `Ni ellir gwneud hyn nawr: ${where.cy.toLowerCase()}`, en: `This cannot be done now: ${where.en.toLowerCase()}` });
    }
  }

  /**
   * Why an award of `amountPence` would pass the per-organisation cap, when the policy applies it; the
   * awards are the database's, counted by the API as the command was sent.
   */
  function overCap(recentAwards: RecentAwards | undefined, amountPence: number): Bilingual | undefined {
    if (!recentAwards || capWhenExceeded(policy) === 'advisory' || !capExceeded(recentAwards, amountPence, policy)) return undefined;
    return capReason(recentAwards, amountPence, policy);
  }

  /** Puts an award the panel is to decide despite the cap on the case's record. */
  function recordCapException(recentAwards: RecentAwards | undefined, amountPence: number, at: string): m.OrganisationCapException | undefined {
    const reason = overCap(recentAwards, amountPence);
    if (!reason || !recentAwards) return undefined;
    state.organisationCap = { recentAwards, amountPence, reason, at };
    return state.organisationCap;
  }

  const openStatuses: readonly CfpStatus[] = [
    'eoi_draft',
    'eoi_screening',
    'invited',
    'assessment',
    'moderation',
    'recommendation',
    'decision',
    'deferred',
    'offered',
  ];
  const officerStatuses: readonly CfpStatus[] = ['eoi_screening', 'invited', 'assessment', 'moderation', 'recommendation', 'decision', 'deferred', 'offered'];

  /**
   * A command on this application; its result is the status the command left the case in (read as the
   * command has done its part, not after its event is written, when a timer may have moved the case on)
   * and the event it wrote.
   */
  function command<C extends m.Command, N extends string>(
    definition: UpdateDefinition<m.CommandResult, [C], N>,
    check: (command: NoInfer<C>) => void,
    apply: (command: NoInfer<C>) => Promise<number>,
  ): void {
    registerCommand(definition, check, (cmd) => {
      const recorded = apply(cmd);
      const status = state.status;
      // The last event queued when the command is done: its own, and perhaps another's queued while it
      // awaited something (a signal); events are written in order, so waiting for that one is enough.
      return recorded.then((sequence) => ({ reference, status, sequence, recordedUpTo: state.lastSequence }));
    });
  }

  // ---- Expression of interest ----------------------------------------------------------------------------

  command(
    m.saveEoi,
    (cmd) => mustBe(cmd, applicantRoles, ['eoi_draft']),
    (cmd) => {
      state.eoi = { ...state.eoi, ...cmd.answers };
      if (cmd.projectTitle) state.projectTitle = cmd.projectTitle;
      if (cmd.area) state.area = cmd.area;
      if (cmd.answers.requestedPence !== undefined) state.tier = tierFor(cmd.answers.requestedPence, policy)?.id ?? null;
      return record('eoi.saved', cmd.at, cmd.actor, { payload: { fields: Object.keys(cmd.answers) } });
    },
  );

  command(
    m.submitEoi,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['eoi_draft']);
      const missing = missingFields(state.eoi, eoiFields);
      if (missing.length > 0) unanswered(missing);
      if (!state.area) refuse({ cy: 'Dywedwch ym mha ardal (LSOA) y mae’r cyfleuster', en: 'Say which area (LSOA) the facility is in' });
    },
    (cmd) => {
      const automatic = screenEligibility(state.eoi as EoiAnswers, { legalForm: cmd.legalForm, recentAwards: cmd.recentAwards }, policy);
      state.screening = { automatic, outcome: null, reasons: null };
      state.tier = automatic.tier;
      state.applicantAction = null;
      // The officer comes with the command (the API applies the rule); the workflow only takes it.
      const assigned = cmd.caseOfficerId && state.caseOfficerId === null && patched(caseOfficerOnSubmission) ? cmd.caseOfficerId : null;
      if (assigned) state.caseOfficerId = assigned;
      moveTo('eoi_screening', cmd.at);
      return record('eoi.submitted', cmd.at, cmd.actor, {
        payload: { automaticScreening: automatic, ...(assigned ? { caseOfficerId: assigned } : {}) },
        notify: ['applicants', 'case_officer'],
      });
    },
  );

  command(
    m.screenEoi,
    (cmd) => {
      mustBe(cmd, caseworkers, ['eoi_screening']);
      const over = cmd.outcome === 'invite' ? overCap(cmd.recentAwards, state.eoi.requestedPence ?? 0) : undefined;
      if (over && capWhenExceeded(policy) === 'refuse') {
        refuse({ cy: `${over.cy}. Gwrthodwch y mynegiant o ddiddordeb yn lle hynny.`, en: `${over.en}. Decline the expression of interest instead.` });
      }
    },
    (cmd) => {
      state.screening = state.screening && { ...state.screening, outcome: cmd.outcome, reasons: cmd.reasons };
      state.caseOfficerId ??= cmd.actor.personId;
      if (cmd.outcome === 'decline') {
        state.closingReason = cmd.reasons;
        moveTo('eoi_declined', cmd.at);
        return record('eoi.declined', cmd.at, cmd.actor, { payload: { reasons: cmd.reasons }, notify: ['applicants'] });
      }
      // Past the cap, where the policy lets the panel decide: invited, with the reason on record.
      const capException = recordCapException(cmd.recentAwards, state.eoi.requestedPence ?? 0, cmd.at);
      moveTo('invited', cmd.at);
      scheduleFullApplicationDeadline(addMs(cmd.at, durationMs(policy.durations.fullApplicationWindow)), cmd.at);
      return record('eoi.invited', cmd.at, cmd.actor, {
        payload: { reasons: cmd.reasons, dueAt: state.fullApplicationDueAt, ...(capException ? { organisationCap: capException } : {}) },
        notify: ['applicants'],
      });
    },
  );

  // ---- Full application ----------------------------------------------------------------------------------

  command(
    m.saveFullApplication,
    (cmd) => mustBe(cmd, applicantRoles, ['invited']),
    (cmd) => {
      state.fullApplication = { ...state.fullApplication, ...cmd.answers };
      return record('full_application.saved', cmd.at, cmd.actor, { payload: { fields: Object.keys(cmd.answers) } });
    },
  );

  command(
    m.submitFullApplication,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['invited']);
      const missing = missingFields(state.fullApplication, fullApplicationFields);
      if (missing.length > 0) unanswered(missing);
    },
    (cmd) => {
      cancelTimer('full_application_due');
      cancelTimersStartingWith('full_application_reminder');
      state.applicantAction = null;
      moveTo('assessment', cmd.at);
      return record('full_application.submitted', cmd.at, cmd.actor, { notify: ['applicants', 'case_officer'] });
    },
  );

  // ---- Assessment ----------------------------------------------------------------------------------------

  command(
    m.declareConflict,
    (cmd) => {
      mustBe(cmd, ['assessor'], ['assessment']);
      if (state.conflicts.some((c) => c.assessorId === cmd.actor.personId)) {
        refuse({ cy: 'Rydych eisoes wedi gwneud datganiad ar y cais hwn', en: 'You have already made a declaration on this application' });
      }
    },
    (cmd) => {
      state.conflicts.push({ assessorId: cmd.actor.personId, conflict: cmd.conflict, details: cmd.details, at: cmd.at });
      return record('assessment.conflict_declared', cmd.at, cmd.actor, { payload: { conflict: cmd.conflict, details: cmd.details } });
    },
  );

  command(
    m.scoreApplication,
    (cmd) => {
      mustBe(cmd, ['assessor'], ['assessment']);
      const declaration = state.conflicts.find((c) => c.assessorId === cmd.actor.personId);
      if (!declaration) {
        refuse({ cy: 'Gwnewch ddatganiad buddiant cyn sgorio', en: 'Declare any conflict of interest before scoring' }, m.REFUSED_FORBIDDEN);
      }
      if (declaration.conflict)
        refuse(
          { cy: 'Ni chewch sgorio cais y mae gennych fuddiant ynddo', en: 'You cannot score an application you have a conflict of interest in' },
          m.REFUSED_FORBIDDEN,
        );
      if (state.assessments.some((a) => a.assessorId === cmd.actor.personId))
        refuse({ cy: 'Rydych eisoes wedi sgorio’r cais hwn', en: 'You have already scored this application' });
      const sod = separationOfDutiesRefusal(cmd.actor.personId, 'assess', { decide: state.decision ? [state.decision.by] : [] });
      if (sod) refuse(sod, m.REFUSED_FORBIDDEN);
      const problem = scoresProblem(cmd.scores, policy.assessment.criteria);
      if (problem) refuse({ cy: `Nid yw’r sgoriau’n gyflawn: ${problem}`, en: `The scores are not complete: ${problem}` });
    },
    async (cmd) => {
      const total = weightedTotal(cmd.scores, policy.assessment.criteria);
      state.assessments.push({ assessorId: cmd.actor.personId, scores: cmd.scores, total, at: cmd.at });
      const scored = record('assessment.scored', cmd.at, cmd.actor, { payload: { total } });
      if (state.assessments.length < policy.assessment.assessorsRequired) return scored;
      const totals = state.assessments.map((a) => a.total);
      if (needsModeration(totals, policy)) {
        moveTo('moderation', cmd.at);
        await record('assessment.moderation_needed', cmd.at, null, { payload: { totals }, notify: ['case_officer'] });
      } else {
        completeAssessment(meanTotal(totals), cmd.at);
        await record('assessment.completed', cmd.at, null, { payload: { score: state.score } });
      }
      return scored;
    },
  );

  function completeAssessment(total: number, at: string): void {
    state.score = { total, priority: priorityScore(total, state.area?.decile ?? null, policy) };
    moveTo('recommendation', at);
  }

  command(
    m.moderateScores,
    (cmd) => {
      mustBe(cmd, caseworkers, ['moderation']);
      if (state.assessments.some((a) => a.assessorId === cmd.actor.personId)) {
        refuse({ cy: 'Ni chewch gymedroli sgoriau a roesoch eich hun', en: 'You cannot moderate scores you gave yourself' }, m.REFUSED_FORBIDDEN);
      }
    },
    (cmd) => {
      state.moderation = { moderatorId: cmd.actor.personId, total: cmd.total, note: cmd.note, at: cmd.at };
      completeAssessment(cmd.total, cmd.at);
      return record('assessment.moderated', cmd.at, cmd.actor, { payload: { total: cmd.total, note: cmd.note, score: state.score } });
    },
  );

  // ---- Recommendation and decision -----------------------------------------------------------------------

  command(
    m.recommend,
    (cmd) => {
      mustBe(cmd, caseworkers, ['recommendation']);
      if (cmd.recommendation === 'approve' && (cmd.amountPence === null || cmd.amountPence <= 0)) {
        refuse({ cy: 'Dywedwch faint o grant a argymhellir', en: 'Say how much grant is recommended' });
      }
    },
    (cmd) => {
      state.recommendation = { recommendation: cmd.recommendation, amountPence: cmd.amountPence, reasons: cmd.reasons, by: cmd.actor.personId };
      moveTo('decision', cmd.at);
      return record('recommendation.made', cmd.at, cmd.actor, { payload: { ...state.recommendation } });
    },
  );

  command(
    m.decide,
    (cmd) => {
      mustBe(cmd, decisionMakers, ['decision', 'deferred']);
      const assessors = state.assessments.map((a) => a.assessorId);
      const sod = separationOfDutiesRefusal(cmd.actor.personId, 'decide', { assess: assessors });
      if (sod) refuse(sod, m.REFUSED_FORBIDDEN);
      if (cmd.outcome !== 'approve') return;
      const amount = cmd.amountPence;
      if (amount === null || amount <= 0) refuse({ cy: 'Dywedwch faint o grant a ddyfernir', en: 'Say how much grant is awarded' });
      const requested = state.eoi.requestedPence ?? 0;
      if (amount > requested)
        refuse({ cy: 'Ni all y dyfarniad fod yn fwy na’r swm y gofynnwyd amdano', en: 'The award cannot be more than the amount requested' });
      const over = overCap(cmd.recentAwards, amount);
      if (over && capWhenExceeded(policy) === 'refuse') refuse({ cy: `${over.cy}. Ni ellir ei gymeradwyo.`, en: `${over.en}. It cannot be approved.` });
      if (over && cmd.actor.role !== 'panel_member')
        refuse({ cy: `${over.cy}. Y panel sy’n penderfynu.`, en: `${over.en}. The panel decides.` }, m.REFUSED_FORBIDDEN);
      const refusal = authorityRefusal(cmd.actor.role, cmd.actor.delegatedLimitPence, amount, policy);
      if (refusal) refuse(refusal, m.REFUSED_FORBIDDEN);
    },
    async (cmd) => {
      state.decision = { outcome: cmd.outcome, amountPence: cmd.amountPence, reasons: cmd.reasons, by: cmd.actor.personId, role: cmd.actor.role, at: cmd.at };
      const payload: Record<string, unknown> = { outcome: cmd.outcome, amountPence: cmd.amountPence, reasons: cmd.reasons, conditions: cmd.conditions };
      if (cmd.outcome === 'defer') {
        moveTo('deferred', cmd.at);
        return record('decision.deferred', cmd.at, cmd.actor, { payload, notify: ['applicants', 'case_officer'] });
      }
      if (cmd.outcome === 'reject') {
        state.closingReason = cmd.reasons;
        moveTo('rejected', cmd.at);
        return record('decision.rejected', cmd.at, cmd.actor, { payload, notify: ['applicants', 'case_officer'] });
      }
      const capException = recordCapException(cmd.recentAwards, cmd.amountPence ?? 0, cmd.at);
      if (capException) payload.organisationCap = capException;
      const acceptBy = addMs(cmd.at, durationMs(policy.durations.offerAcceptanceWindow));
      state.offer = {
        amountPence: cmd.amountPence ?? 0,
        conditions: [...policy.standardConditions, ...cmd.conditions],
        offeredAt: cmd.at,
        acceptBy,
        decidedBy: cmd.actor.personId,
      };
      moveTo('offered', cmd.at);
      state.applicantAction = { action: 'respond_to_offer', dueAt: acceptBy };
      setTimer('offer_lapse', acceptBy, cmd.at);
      const approved = record('decision.approved', cmd.at, cmd.actor, { payload, notify: ['case_officer'] });
      await record('offer.made', cmd.at, null, { payload: { offer: state.offer }, notify: ['applicants'] });
      return approved;
    },
  );

  // ---- Offer ---------------------------------------------------------------------------------------------

  command(
    m.acceptOffer,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['offered']);
      if (cmd.declaration !== true) refuse({ cy: 'Rhaid cytuno i’r datganiad', en: 'The declaration must be agreed to' });
    },
    (cmd) => {
      cancelTimer('offer_lapse');
      moveTo('accepted', cmd.at);
      const offer = state.offer;
      const award =
        offer && state.decision
          ? { amountPence: offer.amountPence, conditions: offer.conditions, decidedAt: state.decision.at, acceptedAt: cmd.at }
          : undefined;
      return record('offer.accepted', cmd.at, cmd.actor, {
        payload: { signatoryName: cmd.signatoryName, declaration: true },
        notify: ['applicants', 'case_officer'],
        ...(award ? { award } : {}),
      });
    },
  );

  command(
    m.declineOffer,
    (cmd) => mustBe(cmd, ['applicant_lead'], ['offered']),
    (cmd) => {
      cancelTimer('offer_lapse');
      state.closingReason = cmd.reason;
      moveTo('offer_declined', cmd.at);
      return record('offer.declined', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['applicants', 'case_officer'] });
    },
  );

  // ---- At any point --------------------------------------------------------------------------------------

  command(
    m.requestInformation,
    (cmd) => {
      mustBe(cmd, caseworkers, ['eoi_screening', 'assessment', 'moderation', 'recommendation', 'decision', 'deferred']);
      if (state.informationRequest) refuse({ cy: 'Mae cais am wybodaeth eisoes ar agor', en: 'A request for information is already open' });
      const unknown = cmd.fields.filter((field) => !answerFields.includes(field));
      if (cmd.fields.length === 0 || unknown.length > 0) refuse({ cy: 'Dewiswch y cwestiynau i’w hailagor', en: 'Choose which answers to reopen' });
    },
    (cmd) => {
      const respondBy = addMs(cmd.at, durationMs(policy.durations.informationResponseWindow));
      state.informationRequest = { fields: cmd.fields, message: cmd.message, requestedAt: cmd.at, respondBy };
      state.applicantAction = { action: 'answer_information_request', dueAt: respondBy };
      pauseClock(cmd.at);
      setTimer('information_due', respondBy, cmd.at);
      return record('information.requested', cmd.at, cmd.actor, { payload: { fields: cmd.fields, message: cmd.message, respondBy }, notify: ['applicants'] });
    },
  );

  command(
    m.respondToInformation,
    (cmd) => {
      mustBe(cmd, applicantRoles, openStatuses);
      const request = state.informationRequest;
      if (!request) refuse({ cy: 'Nid oes cais am wybodaeth ar agor', en: 'There is no open request for information' });
      const notAsked = Object.keys(cmd.answers).filter((field) => !request.fields.includes(field as m.RequestInformation['fields'][number]));
      if (notAsked.length > 0) {
        const names = labelList(
          notAsked.map((field) => (Object.hasOwn(answerFieldLabels, field) ? answerFieldLabels[field as AnswerField] : { cy: field, en: field })),
        );
        refuse({
          cy: `Dim ond y cwestiynau a ailagorwyd y gellir eu newid, nid: ${names.cy}`,
          en: `Only the reopened answers can be changed, not: ${names.en}`,
        });
      }
    },
    (cmd) => {
      const eoiPart: Partial<EoiAnswers> = {};
      const fullPart: Partial<FullApplicationAnswers> = {};
      for (const [field, value] of Object.entries(cmd.answers)) {
        if ((eoiFields as readonly string[]).includes(field)) Object.assign(eoiPart, { [field]: value });
        else Object.assign(fullPart, { [field]: value });
      }
      state.eoi = { ...state.eoi, ...eoiPart };
      state.fullApplication = { ...state.fullApplication, ...fullPart };
      if (cmd.area) state.area = cmd.area;
      const fields = Object.keys(cmd.answers) as AnswerField[];
      const request = state.informationRequest;
      const answered = request ? [...new Set([...(request.answered ?? []), ...fields])] : fields;
      const outstanding = request ? request.fields.filter((field) => !answered.includes(field)) : [];
      // The request stays open, its clock stopped, until every answer asked for is given (or the case
      // officer closes it); cases answered before this closed on the first answer, whatever it held.
      if (request && outstanding.length > 0 && patched(informationRequestOpenUntilAnswered)) {
        state.informationRequest = { ...request, answered };
        return record('information.partly_provided', cmd.at, cmd.actor, { payload: { fields, outstanding, message: cmd.message }, notify: ['case_officer'] });
      }
      endInformationRequest(cmd.at);
      return record('information.provided', cmd.at, cmd.actor, { payload: { fields, message: cmd.message }, notify: ['case_officer'] });
    },
  );

  /** The request for information is over: the stage's clock runs again and the group's action is what it was. */
  function endInformationRequest(at: string): void {
    state.informationRequest = null;
    state.applicantAction = state.status === 'offered' && state.offer ? { action: 'respond_to_offer', dueAt: state.offer.acceptBy } : null;
    cancelTimer('information_due');
    resumeClock(at);
  }

  command(
    m.closeInformationRequest,
    (cmd) => {
      mustBe(cmd, caseworkers, openStatuses);
      if (!state.informationRequest) refuse({ cy: 'Nid oes cais am wybodaeth ar agor', en: 'There is no open request for information' });
    },
    (cmd) => {
      const request = state.informationRequest;
      const outstanding = request ? request.fields.filter((field) => !(request.answered ?? []).includes(field)) : [];
      endInformationRequest(cmd.at);
      return record('information.request_closed', cmd.at, cmd.actor, { payload: { outstanding, reason: cmd.reason }, notify: ['applicants'] });
    },
  );

  command(
    m.withdraw,
    (cmd) => mustBe(cmd, applicantRoles, openStatuses),
    (cmd) => {
      timers.cancelAll();
      state.closingReason = cmd.reason;
      moveTo('withdrawn', cmd.at);
      return record('application.withdrawn', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['applicants', 'case_officer'] });
    },
  );

  command(
    m.reassignCaseOfficer,
    (cmd) => mustBe(cmd, caseworkers, openStatuses),
    (cmd) => {
      state.caseOfficerId = cmd.caseOfficerId;
      return record('case_officer.assigned', cmd.at, cmd.actor, { payload: { caseOfficerId: cmd.caseOfficerId }, notify: ['case_officer'] });
    },
  );

  command(
    m.addNote,
    (cmd) =>
      mustBe(
        cmd,
        ['caseworker', 'assessor', 'approver', 'panel_member', 'administrator'],
        [...openStatuses, 'accepted', 'rejected', 'eoi_declined', 'withdrawn', 'offer_declined', 'offer_lapsed', 'full_application_expired'],
      ),
    (cmd) => record('note.added', cmd.at, cmd.actor, { payload: { text: cmd.text } }),
  );

  command(
    m.setFastTrack,
    (cmd) => {
      mustBe(cmd, caseworkers, openStatuses);
      if (cmd.fastTrack === state.fastTrack) refuse({ cy: 'Dim newid', en: 'Nothing to change' });
    },
    (cmd) => {
      const clock = state.clock;
      const before = clock ? serviceLevelMs(clock.stage) : 0;
      state.fastTrack = cmd.fastTrack;
      if (clock && !clock.breached) {
        // The stage keeps its start; only its allowance changes.
        const shift = serviceLevelMs(clock.stage) - before;
        if (clock.dueAt) {
          state.clock = { ...clock, dueAt: addMs(clock.dueAt, shift) };
          setTimer('clock', state.clock.dueAt ?? cmd.at, cmd.at);
        } else if (clock.pausedRemainingMs !== null) {
          state.clock = { ...clock, pausedRemainingMs: Math.max(0, clock.pausedRemainingMs + shift) };
        }
      }
      return record(cmd.fastTrack ? 'fast_track.set' : 'fast_track.cleared', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['applicants'] });
    },
  );

  command(
    m.extendDeadline,
    (cmd) => {
      mustBe(cmd, caseworkers, officerStatuses);
      const current =
        cmd.deadline === 'full_application'
          ? state.status === 'invited'
            ? state.fullApplicationDueAt
            : null
          : cmd.deadline === 'offer_acceptance'
            ? state.status === 'offered'
              ? (state.offer?.acceptBy ?? null)
              : null
            : (state.informationRequest?.respondBy ?? null);
      if (!current) refuse({ cy: 'Nid oes dyddiad cau o’r fath ar agor', en: 'There is no such deadline open' });
      if (Date.parse(cmd.dueAt) <= Date.parse(current))
        refuse({ cy: 'Rhaid i’r dyddiad newydd fod ar ôl yr hen un', en: 'The new date must be after the old one' });
    },
    (cmd) => {
      if (cmd.deadline === 'full_application') {
        scheduleFullApplicationDeadline(cmd.dueAt, cmd.at);
      } else if (cmd.deadline === 'offer_acceptance' && state.offer) {
        state.offer = { ...state.offer, acceptBy: cmd.dueAt };
        state.applicantAction = { action: 'respond_to_offer', dueAt: cmd.dueAt };
        setTimer('offer_lapse', cmd.dueAt, cmd.at);
      } else if (state.informationRequest) {
        state.informationRequest = { ...state.informationRequest, respondBy: cmd.dueAt };
        state.applicantAction = { action: 'answer_information_request', dueAt: cmd.dueAt };
        setTimer('information_due', cmd.dueAt, cmd.at);
      }
      return record('deadline.extended', cmd.at, cmd.actor, {
        payload: { deadline: cmd.deadline, dueAt: cmd.dueAt, reason: cmd.reason },
        notify: ['applicants'],
      });
    },
  );

  // ---- Security of tenure through a community asset transfer ---------------------------------------------

  const conclusions: m.TransferConclusion[] = [];
  setHandler(m.transferConcluded, (conclusion) => {
    conclusions.push(conclusion);
  });

  /** The grant waits on a transfer, or on its case officer's word after one fell through. */
  const tenureOutstanding = () => state.tenureTransfer !== null && ['pending', 'fell_through', 'awaiting_link'].includes(state.tenureTransfer.condition);

  command(
    m.linkTransfer,
    (cmd) => {
      mustBe(cmd, [...applicantRoles, ...caseworkers], [...openStatuses, 'accepted']);
      if (state.tenureTransfer && state.tenureTransfer.condition !== 'awaiting_link') {
        refuse({
          cy: `Mae trosglwyddiad ased eisoes wedi’i gysylltu: ${state.tenureTransfer.transferReference}`,
          en: `An asset transfer is already linked: ${state.tenureTransfer.transferReference}`,
        });
      }
      // A check in a validator needs no patch: validators are not run again on replay, and a refused
      // command leaves nothing in the history.
      const own = state.eoi.tenure?.kind;
      if (own && own !== 'asset_transfer') {
        const what = own === 'freehold' ? { cy: 'rhydd-ddaliad', en: 'freehold' } : { cy: 'prydles', en: 'a lease' };
        refuse({
          cy: `Mae’r mynegiant o ddiddordeb yn rhoi’r ddeiliadaeth fel ${what.cy}, nid trosglwyddiad ased: dim ond cais y daw ei ddeiliadaeth o drosglwyddiad ased cymunedol all gysylltu un`,
          en: `The expression of interest gives the tenure as ${what.en}, not an asset transfer: only an application whose tenure is to come from a community asset transfer can link one`,
        });
      }
    },
    async (cmd) => {
      state.tenureTransfer = { transferReference: cmd.transferReference, condition: 'pending', conclusion: null, decision: null };
      const linked = record('tenure.transfer_linked', cmd.at, cmd.actor, { payload: { transferReference: cmd.transferReference }, notify: ['case_officer'] });
      if (cmd.concluded && !patched(tenureLinkToldToTransfer)) {
        await concludeTenure(cmd.concluded);
        return linked;
      }
      // The transfer hears of the link (and records it, while its workflow runs: in its monitoring years,
      // say); if it had not ended, it tells this case when it does, and if it ended meanwhile, at once.
      await getExternalWorkflowHandle(cmd.transferReference)
        .signal(grantLinked, { applicationReference: reference, at: cmd.at })
        .catch((error: unknown) => log.warn('Could not tell the transfer about the grant', { transfer: cmd.transferReference, error: String(error) }));
      // A transfer that had ended already is known from the API: this case learns it as it links it, so
      // the condition is settled then, after the link (its answer to the signal then finds nothing to do).
      if (cmd.concluded) await concludeTenure(cmd.concluded, cmd.at);
      return linked;
    },
  );

  /** Settles the tenure condition on how the transfer ended; `at` is when this case learned it (the transfer's own time, when it told us). */
  async function concludeTenure(conclusion: m.TransferConclusion, at = conclusion.at): Promise<void> {
    const tenure = state.tenureTransfer;
    if (!tenure || tenure.transferReference !== conclusion.transferReference || tenure.condition !== 'pending') {
      log.info('A transfer this case no longer waits on has ended', { transfer: conclusion.transferReference });
      return;
    }
    const met =
      conclusion.outcome === 'completed' && conclusion.tenure !== null && tenureMeetsGrant(conclusion.tenure, policy.tenure.minLeaseYearsAfterCompletion);
    state.tenureTransfer = { ...tenure, condition: met ? 'met' : 'fell_through', conclusion };
    const payload = {
      transferReference: conclusion.transferReference,
      outcome: conclusion.outcome,
      tenure: conclusion.tenure,
      transferEndedAt: conclusion.at,
      minLeaseYears: policy.tenure.minLeaseYearsAfterCompletion,
    };
    await record(met ? 'tenure.met' : 'tenure.transfer_fell_through', at, null, { payload, notify: ['applicants', 'case_officer'] });
  }

  command(
    m.decideTenure,
    (cmd) => {
      mustBe(cmd, caseworkers, [...openStatuses, 'accepted']);
      if (state.tenureTransfer?.condition !== 'fell_through')
        refuse({ cy: 'Nid oes trosglwyddiad wedi methu i benderfynu arno', en: 'There is no fallen-through transfer to decide on' });
    },
    (cmd) => {
      const tenure = state.tenureTransfer;
      const decision = { outcome: cmd.outcome, reasons: cmd.reasons, by: cmd.actor.personId, at: cmd.at };
      if (tenure) state.tenureTransfer = { ...tenure, condition: cmd.outcome === 'waive' ? 'waived' : 'awaiting_link', decision };
      return record('tenure.decided', cmd.at, cmd.actor, { payload: { outcome: cmd.outcome, reasons: cmd.reasons }, notify: ['applicants'] });
    },
  );

  setHandler(m.applicationState, () => state);

  // ---- When a timer fires --------------------------------------------------------------------------------

  async function onTimer({ name, at }: { name: string; at: string }): Promise<void> {
    if (name.startsWith('full_application_reminder') && state.status === 'invited') {
      await record('full_application.reminder', at, null, { payload: { dueAt: state.fullApplicationDueAt }, notify: ['applicants'] });
    } else if (name === 'full_application_due' && state.status === 'invited') {
      cancelTimersStartingWith('full_application_reminder');
      moveTo('full_application_expired', at);
      await record('full_application.expired', at, null, { notify: ['applicants', 'case_officer'] });
    } else if (name === 'offer_lapse' && state.status === 'offered') {
      moveTo('offer_lapsed', at);
      await record('offer.lapsed', at, null, { notify: ['applicants', 'case_officer'] });
    } else if (name === 'information_due' && state.informationRequest) {
      await record('information.overdue', at, null, { notify: ['case_officer'] });
    } else if (name === 'clock' && state.clock?.dueAt === at) {
      state.clock = { ...state.clock, breached: true };
      await record('service_level.breached', at, null, { payload: { stage: state.clock.stage }, notify: ['case_officer', 'case_officer_manager'] });
    }
  }

  // An accepted grant whose tenure rests on a transfer stays open until the transfer ends and, if it fell
  // through, until the case officer decides.
  const finished = () => isClosed(state.status) && !(state.status === 'accepted' && tenureOutstanding());

  await started;
  while (!finished()) {
    await condition(() => timers.fired.length > 0 || conclusions.length > 0 || finished());
    let next = timers.fired.shift();
    while (next) {
      await onTimer(next);
      next = timers.fired.shift();
    }
    let conclusion = conclusions.shift();
    while (conclusion) {
      await concludeTenure(conclusion);
      conclusion = conclusions.shift();
    }
  }

  timers.cancelAll();
  await condition(allHandlersFinished);
  await events.settled();
  return state;
}
