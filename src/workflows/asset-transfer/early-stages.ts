import { deciderWording } from '../../domain/cat/status.js';
import * as m from '../asset-transfer.messages.js';
import { assetOfficers, mustBeDecidedBy, mustHaveDocuments } from './guards.js';
import type { TransferCase } from './transfer-case.js';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The enquiry, the expression of interest, the business plan and the gates the body decides between them. */
export function registerEarlyStages({ state, process, record, command, mustBe, route }: TransferCase): void {
  const { advance, end } = route;

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
      mustHaveDocuments(process, 'expression_of_interest', cmd.documents);
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
      mustHaveDocuments(process, 'business_plan', cmd.documents);
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
      mustBeDecidedBy(process, cmd.gate, cmd.decidedBy);
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
}
