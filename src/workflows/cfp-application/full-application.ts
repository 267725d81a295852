import { fullApplicationFields, missingFields } from '../../domain/cfp/answers.js';
import { meanTotal, needsModeration, priorityScore, scoresProblem, weightedTotal } from '../../domain/cfp/scoring.js';
import { applicantRoles } from '../../domain/roles.js';
import { separationOfDutiesRefusal } from '../../domain/separation-of-duties.js';
import { REFUSED_FORBIDDEN } from '../case/case.messages.js';
import { refuse } from '../case/refusal.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, unanswered } from './guards.js';

/** The full application, its assessment by assessors who declared no conflict, and moderation when their scores differ. */
export function registerFullApplication({ state, policy, record, command, mustBe, timers, clock }: ApplicationCase): void {
  const { moveTo } = clock;

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
      timers.cancel('full_application_due');
      timers.cancelStartingWith('full_application_reminder');
      state.applicantAction = null;
      moveTo('assessment', cmd.at);
      return record('full_application.submitted', cmd.at, cmd.actor, { notify: ['applicants', 'case_officer'] });
    },
  );

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
        refuse({ cy: 'Gwnewch ddatganiad buddiant cyn sgorio', en: 'Declare any conflict of interest before scoring' }, REFUSED_FORBIDDEN);
      }
      if (declaration.conflict)
        refuse(
          { cy: 'Ni chewch sgorio cais y mae gennych fuddiant ynddo', en: 'You cannot score an application you have a conflict of interest in' },
          REFUSED_FORBIDDEN,
        );
      if (state.assessments.some((a) => a.assessorId === cmd.actor.personId))
        refuse({ cy: 'Rydych eisoes wedi sgorio’r cais hwn', en: 'You have already scored this application' });
      const sod = separationOfDutiesRefusal(cmd.actor.personId, 'assess', { decide: state.decision ? [state.decision.by] : [] });
      if (sod) refuse(sod, REFUSED_FORBIDDEN);
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
        refuse({ cy: 'Ni chewch gymedroli sgoriau a roesoch eich hun', en: 'You cannot moderate scores you gave yourself' }, REFUSED_FORBIDDEN);
      }
    },
    (cmd) => {
      state.moderation = { moderatorId: cmd.actor.personId, total: cmd.total, note: cmd.note, at: cmd.at };
      completeAssessment(cmd.total, cmd.at);
      return record('assessment.moderated', cmd.at, cmd.actor, { payload: { total: cmd.total, note: cmd.note, score: state.score } });
    },
  );
}
