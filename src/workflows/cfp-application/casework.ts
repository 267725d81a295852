import { applicantRoles } from '../../domain/roles.js';
import { addMs } from '../case/durable-timers.js';
import { refuse } from '../case/refusal.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, officerStatuses, openStatuses } from './guards.js';
import { scheduleFullApplicationDeadline } from './timers.js';

/** What can happen at any point of an open case: withdrawal, a new case officer, notes, fast-tracking, later deadlines. */
export function registerCasework(application: ApplicationCase): void {
  const { state, record, command, mustBe, timers, clock } = application;

  command(
    m.withdraw,
    (cmd) => mustBe(cmd, applicantRoles, openStatuses),
    (cmd) => {
      timers.cancelAll();
      state.closingReason = cmd.reason;
      clock.moveTo('withdrawn', cmd.at);
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
      const current = state.clock;
      const before = current ? clock.serviceLevelMs(current.stage) : 0;
      state.fastTrack = cmd.fastTrack;
      if (current && !current.breached) {
        // The stage keeps its start; only its allowance changes.
        const shift = clock.serviceLevelMs(current.stage) - before;
        if (current.dueAt) {
          state.clock = { ...current, dueAt: addMs(current.dueAt, shift) };
          timers.set('clock', state.clock.dueAt ?? cmd.at, cmd.at);
        } else if (current.pausedRemainingMs !== null) {
          state.clock = { ...current, pausedRemainingMs: Math.max(0, current.pausedRemainingMs + shift) };
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
        scheduleFullApplicationDeadline(application, cmd.dueAt, cmd.at);
      } else if (cmd.deadline === 'offer_acceptance' && state.offer) {
        state.offer = { ...state.offer, acceptBy: cmd.dueAt };
        state.applicantAction = { action: 'respond_to_offer', dueAt: cmd.dueAt };
        timers.set('offer_lapse', cmd.dueAt, cmd.at);
      } else if (state.informationRequest) {
        state.informationRequest = { ...state.informationRequest, respondBy: cmd.dueAt };
        state.applicantAction = { action: 'answer_information_request', dueAt: cmd.dueAt };
        timers.set('information_due', cmd.dueAt, cmd.at);
      }
      return record('deadline.extended', cmd.at, cmd.actor, {
        payload: { deadline: cmd.deadline, dueAt: cmd.dueAt, reason: cmd.reason },
        notify: ['applicants'],
      });
    },
  );
}
