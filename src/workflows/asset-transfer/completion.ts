import { patched } from '@temporalio/workflow';
import type { Bilingual } from '../../domain/bilingual.js';
import { reportNotOpenYet, reportSchedule } from '../../domain/cat/community-benefit-reports.js';
import { completionRefusal } from '../../domain/cat/heads-of-terms.js';
import { deciderWording } from '../../domain/cat/status.js';
import { tenureWording, type TransferTenure } from '../../domain/cat/tenure.js';
import { durationMs } from '../../domain/duration.js';
import { applicantRoles } from '../../domain/roles.js';
import { REFUSED_FORBIDDEN } from '../case/case.messages.js';
import { addMs } from '../case/durable-timers.js';
import { refuse } from '../case/refusal.js';
import * as m from '../asset-transfer.messages.js';
import { assetOfficers, mustBeDecidedBy, mustHaveTerm, valued } from './guards.js';
import { reportsOnAnniversaries } from './patches.js';
import type { TransferCase } from './transfer-case.js';

/** Legal completion, then the years of community-benefit reports, or the asset's return when community use stops. */
export function registerCompletion({ state, process, record, command, mustBe, timers, route }: TransferCase): void {
  const { moveTo, tellGrants } = route;

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
      valued(state, state.evaluation),
      process.valuation,
    );
    if (refusal) refuse(refusal.reason, refusal.forbidden ? REFUSED_FORBIDDEN : undefined);
  }

  command(
    m.completeTransfer,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['legal_completion']);
      mustBeDecidedBy(process, 'legal_completion', cmd.decidedBy);
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
}

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
