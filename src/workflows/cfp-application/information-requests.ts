import { patched } from '@temporalio/workflow';
import { answerFields, eoiFields, type AnswerField, type EoiAnswers, type FullApplicationAnswers } from '../../domain/cfp/answers.js';
import { durationMs } from '../../domain/duration.js';
import { answerFieldLabels, labelList } from '../../domain/labels.js';
import { applicantRoles } from '../../domain/roles.js';
import { addMs } from '../case/durable-timers.js';
import { refuse } from '../case/refusal.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, openStatuses } from './guards.js';
import { informationRequestOpenUntilAnswered } from './patches.js';

/** A caseworker reopens some answers; the stage's clock stops until the group has given them all or the request is closed. */
export function registerInformationRequests({ state, policy, record, command, mustBe, timers, clock }: ApplicationCase): void {
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
      clock.pauseClock(cmd.at);
      timers.set('information_due', respondBy, cmd.at);
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
    timers.cancel('information_due');
    clock.resumeClock(at);
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
}
