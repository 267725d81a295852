import type { TransferCase } from './transfer-case.js';

/** What a timer does when it fires, if the case is still where the timer was set for. */
export async function onTimer({ state, record, route }: TransferCase, { name, at }: { name: string; at: string }): Promise<void> {
  const { advance, end, moveTo } = route;
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
