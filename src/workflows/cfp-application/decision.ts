import { authorityRefusal } from '../../domain/cfp/authority.js';
import { capWhenExceeded } from '../../domain/cfp/organisation-cap.js';
import { durationMs } from '../../domain/duration.js';
import { separationOfDutiesRefusal } from '../../domain/separation-of-duties.js';
import { REFUSED_FORBIDDEN } from '../case/case.messages.js';
import { addMs } from '../case/durable-timers.js';
import { refuse } from '../case/refusal.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, decisionMakers } from './guards.js';
import { overCap, recordCapException } from './organisation-cap.js';

/** The caseworker's recommendation, the decision of an approver or the panel, and the offer the group accepts or declines. */
export function registerDecision({ state, policy, record, command, mustBe, timers, clock }: ApplicationCase): void {
  const { moveTo } = clock;

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
      if (sod) refuse(sod, REFUSED_FORBIDDEN);
      if (cmd.outcome !== 'approve') return;
      const amount = cmd.amountPence;
      if (amount === null || amount <= 0) refuse({ cy: 'Dywedwch faint o grant a ddyfernir', en: 'Say how much grant is awarded' });
      const requested = state.eoi.requestedPence ?? 0;
      if (amount > requested)
        refuse({ cy: 'Ni all y dyfarniad fod yn fwy na’r swm y gofynnwyd amdano', en: 'The award cannot be more than the amount requested' });
      const over = overCap(policy, cmd.recentAwards, amount);
      if (over && capWhenExceeded(policy) === 'refuse') refuse({ cy: `${over.cy}. Ni ellir ei gymeradwyo.`, en: `${over.en}. It cannot be approved.` });
      if (over && cmd.actor.role !== 'panel_member')
        refuse({ cy: `${over.cy}. Y panel sy’n penderfynu.`, en: `${over.en}. The panel decides.` }, REFUSED_FORBIDDEN);
      const refusal = authorityRefusal(cmd.actor.role, cmd.actor.delegatedLimitPence, amount, policy);
      if (refusal) refuse(refusal, REFUSED_FORBIDDEN);
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
      const capException = recordCapException(state, policy, cmd.recentAwards, cmd.amountPence ?? 0, cmd.at);
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
      timers.set('offer_lapse', acceptBy, cmd.at);
      const approved = record('decision.approved', cmd.at, cmd.actor, { payload, notify: ['case_officer'] });
      await record('offer.made', cmd.at, null, { payload: { offer: state.offer }, notify: ['applicants'] });
      return approved;
    },
  );

  command(
    m.acceptOffer,
    (cmd) => {
      mustBe(cmd, ['applicant_lead'], ['offered']);
      if (cmd.declaration !== true) refuse({ cy: 'Rhaid cytuno i’r datganiad', en: 'The declaration must be agreed to' });
    },
    (cmd) => {
      timers.cancel('offer_lapse');
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
      timers.cancel('offer_lapse');
      state.closingReason = cmd.reason;
      moveTo('offer_declined', cmd.at);
      return record('offer.declined', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['applicants', 'case_officer'] });
    },
  );
}
