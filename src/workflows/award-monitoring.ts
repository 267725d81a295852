import { allHandlersFinished, condition, continueAsNew, log, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import {
  anniversarySchedule,
  monitoringPeriods,
  returnNotOpenYet,
  returnSchedule,
  returnsInPeriod,
  type MonitoringEventKind,
} from '../domain/cfp/monitoring.js';
import { applicantRoles } from '../domain/roles.js';
import type { NotificationAudience } from './case/case.messages.js';
import * as m from './award-monitoring.messages.js';
import { registerCommand } from './case/commands.js';
import { refuse } from './case/refusal.js';

type Activities = ReturnType<typeof createActivities>;

// Recording an event must happen: retried until it does.
// A short start-to-close: a worker lost mid-write is noticed, and the write retried elsewhere, in seconds.
const { recordMonitoringEvent } = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '10 seconds' } });

// Mail is retried until sent; a message refused for good (a bad address) is marked failed in the outbox,
// for staff to see, and the case goes on.
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Returns are due on calendar anniversaries of completion in Wales and open a configured window before
 * (`opensBefore`), instead of every `returnInterval` of exact milliseconds from the start of their
 * reporting year (the first one at completion). The marker is the first thing a run records.
 */
const returnsOnAnniversaries = 'monitoring-returns-on-anniversaries';

/**
 * The years after a CFP project completes: a monitoring return due on each anniversary of completion,
 * opened a configured window before it is due (sent earlier, it is refused with the date it opens), a
 * reminder before it is due, marked overdue when the due date passes and escalated once to
 * the case officer and their manager some time after. Each run looks after one return and continues as new
 * when it is settled (sent, or escalated), so five years of returns never make one long history. After the
 * last return the workflow records that monitoring has ended and completes.
 */
export async function awardMonitoringWorkflow(start: m.AwardMonitoringStart): Promise<m.AwardMonitoringState> {
  const { awardReference, organisationId, policy, completedAt } = start;
  const rules = policy.awards.monitoring;
  // Runs begun before returns fell on anniversaries replay with the exact intervals they slept on; every
  // run from then on (the next return of an award already monitored too) is reckoned on anniversaries.
  const onAnniversaries = patched(returnsOnAnniversaries);
  const periods = onAnniversaries ? returnsInPeriod(completedAt, rules) : monitoringPeriods(rules);
  const scheduleOf = (n: number) => (onAnniversaries ? anniversarySchedule(completedAt, n, rules) : returnSchedule(completedAt, n, rules));
  const period = start.periodIndex ?? 1;
  const previous = start.carried?.returns ?? [];

  const state: m.AwardMonitoringState = {
    awardReference,
    organisationId,
    policyVersion: policy.version,
    completedAt,
    periods,
    current:
      period <= periods
        ? { period, ...scheduleOf(period), status: 'upcoming', reminded: false, escalated: false, submittedAt: null, submittedById: null, late: false }
        : null,
    previous,
    closed: false,
  };

  // ---- Recording events, one at a time and in order ------------------------------------------------------

  let recording: Promise<unknown> = Promise.resolve();

  /** Writes one event (monitoring_return row, audit record, outbox) and sends its notifications. */
  function record(
    kind: MonitoringEventKind,
    at: string,
    options: { actor?: m.CommandActor; notify?: NotificationAudience[]; answers?: m.MonitoringAnswers; late?: boolean } = {},
  ): Promise<void> {
    const event: m.MonitoringEventRecord = {
      awardReference,
      organisationId,
      kind,
      period: state.current?.period ?? periods,
      periods,
      at,
      actor: options.actor ?? null,
      dueAt: kind === 'closed' ? null : (state.current?.dueAt ?? null),
      notify: options.notify ?? [],
      ...(options.answers ? { answers: options.answers } : {}),
      ...(options.late !== undefined ? { late: options.late } : {}),
      ...(kind === 'closed' ? { returns: state.previous } : {}),
    };
    const idPrefix = m.monitoringNotificationPrefix(awardReference, event.period, kind);
    const written = recording.then(async () => {
      await recordMonitoringEvent(event);
      if (event.notify.length > 0) {
        await deliverNotifications({ reference: awardReference, idPrefix }).catch((error: unknown) =>
          log.warn('Notifications left unsent in the outbox', { awardReference, idPrefix, error: String(error) }),
        );
      }
    });
    recording = written;
    return written;
  }

  // ---- The group sends its return ------------------------------------------------------------------------

  function mayReturn(cmd: m.SubmitMonitoringReturn): void {
    if (!applicantRoles.includes(cmd.actor.role) || cmd.actor.organisationId !== organisationId) {
      refuse(
        {
          cy: 'Dim ond aelodau’r grŵp a gafodd y grant all anfon ei ffurflenni monitro',
          en: 'Only members of the group that received the grant may send its monitoring returns',
        },
        m.REFUSED_FORBIDDEN,
      );
    }
    const { answers } = cmd;
    if (
      typeof answers?.inUse !== 'boolean' ||
      !Number.isInteger(answers.usersPerWeek) ||
      answers.usersPerWeek < 0 ||
      typeof answers.changes !== 'string' ||
      answers.changes.length > 5000
    ) {
      refuse({
        cy: 'Atebwch bob cwestiwn: a yw’r cyfleuster yn cael ei ddefnyddio, faint o bobl sy’n ei ddefnyddio bob wythnos (rhif cyfan), a beth sydd wedi newid',
        en: 'Answer every question: whether the facility is in use, how many people use it each week (a whole number), and what has changed',
      });
    }
    const earlier = state.previous.find((r) => r.period === cmd.period);
    const current = state.current;
    if (earlier?.status === 'submitted' || (current?.period === cmd.period && current.status === 'submitted')) {
      refuse({ cy: `Mae ffurflen fonitro ${cmd.period} wedi ei hanfon eisoes`, en: `Monitoring return ${cmd.period} has already been sent` });
    }
    if (current?.period === cmd.period && current.status === 'upcoming') refuse(returnNotOpenYet(current.period, current));
    if (!current || current.period !== cmd.period || current.status === 'upcoming' || current.escalated) {
      const open = current && current.status !== 'upcoming' && !current.escalated ? current.period : null;
      refuse(
        open === null
          ? { cy: `Nid yw ffurflen fonitro ${cmd.period} ar agor`, en: `Monitoring return ${cmd.period} is not open` }
          : {
              cy: `Nid yw ffurflen fonitro ${cmd.period} ar agor; ffurflen ${open} sydd ar agor`,
              en: `Monitoring return ${cmd.period} is not open; return ${open} is`,
            },
      );
    }
  }

  const handleReturn = (cmd: m.SubmitMonitoringReturn): Promise<m.MonitoringReturnResult> => {
    const current = state.current as m.CurrentReturn;
    const late = current.status === 'overdue' || Date.parse(cmd.at) > Date.parse(current.dueAt);
    state.current = { ...current, status: 'submitted', submittedAt: cmd.at, submittedById: cmd.actor.personId, late };
    // A late return is news for the case officer, who was told it was overdue.
    const notify: NotificationAudience[] = late ? ['applicants', 'case_officer'] : ['applicants'];
    const { inUse, usersPerWeek, changes } = cmd.answers;
    return record('submitted', cmd.at, { actor: cmd.actor, answers: { inUse, usersPerWeek, changes }, late, notify }).then((): m.MonitoringReturnResult => ({
      awardReference,
      period: current.period,
      status: 'submitted',
      late,
    }));
  };
  // Checked as the validator and again as the handler starts: two returns accepted together take one.
  registerCommand(m.submitMonitoringReturn, mayReturn, handleReturn);
  setHandler(m.monitoringState, () => state);

  // ---- One return --------------------------------------------------------------------------------------------

  // The run's start is in its history, so it is the same on replay; every later instant is a timer's own.
  let now = workflowInfo().runStartTime.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const submitted = () => state.current?.status === 'submitted';
  const change = (patch: Partial<m.CurrentReturn>) => {
    state.current = { ...(state.current as m.CurrentReturn), ...patch };
  };

  /** Waits until `instant` unless the return arrives first; true when the time came with no return. */
  async function passesWithoutReturn(instant: string): Promise<boolean> {
    const target = Date.parse(instant);
    if (target > now && (await condition(submitted, target - now))) return false;
    now = Math.max(now, target);
    return !submitted();
  }

  const schedule = state.current;
  if (schedule) {
    if (Date.parse(schedule.opensAt) > now) {
      await sleep(Date.parse(schedule.opensAt) - now);
      now = Date.parse(schedule.opensAt);
    }
    change({ status: 'due' });
    await record('opened', iso(now), { notify: ['applicants'] });

    // A return that opened after its reminder time (a run that started late) is reminded at once.
    if (now < Date.parse(schedule.dueAt) && (await passesWithoutReturn(iso(Math.max(now, Date.parse(schedule.remindAt)))))) {
      change({ reminded: true });
      await record('reminder', iso(now), { notify: ['applicants'] });
    }
    if (await passesWithoutReturn(schedule.dueAt)) {
      change({ status: 'overdue' });
      await record('overdue', schedule.dueAt, { notify: ['applicants'] });
    }
    if (await passesWithoutReturn(schedule.escalateAt)) {
      change({ escalated: true });
      await record('escalated', schedule.escalateAt, { notify: ['case_officer', 'case_officer_manager'] });
    }

    // A return accepted just now is still being written.
    await condition(allHandlersFinished);
    await recording;
    const settled = state.current as m.CurrentReturn;
    state.previous = [
      ...previous,
      {
        period: settled.period,
        dueAt: settled.dueAt,
        status: settled.status === 'submitted' ? 'submitted' : 'overdue',
        submittedAt: settled.submittedAt,
        late: settled.late,
        escalated: settled.escalated,
      },
    ];
    if (settled.period < periods) {
      return continueAsNew<typeof awardMonitoringWorkflow>({
        awardReference,
        organisationId,
        policy: { version: policy.version, awards: { monitoring: rules } },
        completedAt,
        periodIndex: settled.period + 1,
        carried: { returns: state.previous },
      });
    }
    if (settled.submittedAt) now = Math.max(now, Date.parse(settled.submittedAt));
  }

  state.closed = true;
  await record('closed', iso(now), { notify: ['applicants', 'case_officer'] });
  await condition(allHandlersFinished);
  await recording;
  return state;
}
