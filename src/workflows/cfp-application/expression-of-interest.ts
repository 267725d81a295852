import { patched } from '@temporalio/workflow';
import { eoiFields, missingFields, type EoiAnswers } from '../../domain/cfp/answers.js';
import { screenEligibility, tierFor } from '../../domain/cfp/eligibility.js';
import { capWhenExceeded } from '../../domain/cfp/organisation-cap.js';
import { durationMs } from '../../domain/duration.js';
import { applicantRoles } from '../../domain/roles.js';
import { addMs } from '../case/durable-timers.js';
import { refuse } from '../case/refusal.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, unanswered } from './guards.js';
import { overCap, recordCapException } from './organisation-cap.js';
import { caseOfficerOnSubmission } from './patches.js';
import { scheduleFullApplicationDeadline } from './timers.js';

/** The expression of interest: the group drafts and sends it, and a caseworker screens it. */
export function registerExpressionOfInterest(application: ApplicationCase): void {
  const { state, policy, record, command, mustBe } = application;
  const { moveTo } = application.clock;

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
      const over = cmd.outcome === 'invite' ? overCap(policy, cmd.recentAwards, state.eoi.requestedPence ?? 0) : undefined;
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
      const capException = recordCapException(state, policy, cmd.recentAwards, state.eoi.requestedPence ?? 0, cmd.at);
      moveTo('invited', cmd.at);
      scheduleFullApplicationDeadline(application, addMs(cmd.at, durationMs(policy.durations.fullApplicationWindow)), cmd.at);
      return record('eoi.invited', cmd.at, cmd.actor, {
        payload: { reasons: cmd.reasons, dueAt: state.fullApplicationDueAt, ...(capException ? { organisationCap: capException } : {}) },
        notify: ['applicants'],
      });
    },
  );
}
