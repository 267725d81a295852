import { durationMs } from '../../domain/duration.js';
import { addMs } from '../case/durable-timers.js';
import type { ApplicationCase } from './application-case.js';

/** Sets the full application's deadline and the reminders before it that are still to come. */
export function scheduleFullApplicationDeadline({ state, policy, timers }: ApplicationCase, dueAt: string, now: string): void {
  state.fullApplicationDueAt = dueAt;
  state.applicantAction = { action: 'send_full_application', dueAt };
  timers.set('full_application_due', dueAt, now);
  timers.cancelStartingWith('full_application_reminder');
  policy.durations.fullApplicationReminders.forEach((before, i) => {
    const remindAt = addMs(dueAt, -durationMs(before));
    if (Date.parse(remindAt) > Date.parse(now)) timers.set(`full_application_reminder:${i}`, remindAt, now);
  });
}

/** What a timer does when it fires, if the case is still where the timer was set for. */
export async function onTimer({ state, record, timers, clock }: ApplicationCase, { name, at }: { name: string; at: string }): Promise<void> {
  if (name.startsWith('full_application_reminder') && state.status === 'invited') {
    await record('full_application.reminder', at, null, { payload: { dueAt: state.fullApplicationDueAt }, notify: ['applicants'] });
  } else if (name === 'full_application_due' && state.status === 'invited') {
    timers.cancelStartingWith('full_application_reminder');
    clock.moveTo('full_application_expired', at);
    await record('full_application.expired', at, null, { notify: ['applicants', 'case_officer'] });
  } else if (name === 'offer_lapse' && state.status === 'offered') {
    clock.moveTo('offer_lapsed', at);
    await record('offer.lapsed', at, null, { notify: ['applicants', 'case_officer'] });
  } else if (name === 'information_due' && state.informationRequest) {
    await record('information.overdue', at, null, { notify: ['case_officer'] });
  } else if (name === 'clock' && state.clock?.dueAt === at) {
    state.clock = { ...state.clock, breached: true };
    await record('service_level.breached', at, null, { payload: { stage: state.clock.stage }, notify: ['case_officer', 'case_officer_manager'] });
  }
}
