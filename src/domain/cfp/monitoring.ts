import type { Bilingual, Language } from '../bilingual.js';
import { durationMs } from '../duration.js';
import { onAnniversary, opensAndDue } from '../anniversary-schedule.js';
import type { CfpPolicy } from './policy.js';
import { shiftInWales } from '../wales-calendar.js';
import { readableDate } from '../wales-time.js';

// Post-completion monitoring of a CFP award: a return each `returnInterval` for `period` after the project
// completed, due on calendar anniversaries in Wales (awards whose monitoring began before then keep the
// exact intervals they started with: returnSchedule). Pure, so the workflow reckons its timers with it and
// the activity words its records with it.

export type MonitoringRules = CfpPolicy['awards']['monitoring'];

/** How many returns the monitoring period holds: 5 years of 365-day intervals make 5. */
export function monitoringPeriods(rules: MonitoringRules): number {
  const interval = durationMs(rules.returnInterval);
  if (interval <= 0) throw new RangeError(`Not a return interval: ${rules.returnInterval}`);
  return Math.floor(durationMs(rules.period) / interval);
}

/** The instants of return `period` (1-based), as ISO strings. */
export interface ReturnSchedule {
  /** The start of the year the return reports on; it cannot be sent before this. */
  opensAt: string;
  remindAt: string;
  dueAt: string;
  /** When an overdue return goes to the case officer and their manager. */
  escalateAt: string;
}

export function returnSchedule(completedAt: string, period: number, rules: MonitoringRules): ReturnSchedule {
  const start = Date.parse(completedAt);
  if (Number.isNaN(start)) throw new RangeError(`Not an instant: ${completedAt}`);
  const interval = durationMs(rules.returnInterval);
  const due = start + period * interval;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    opensAt: iso(due - interval),
    remindAt: iso(due - durationMs(rules.reminderBefore)),
    dueAt: iso(due),
    escalateAt: iso(due + durationMs(rules.escalateAfter)),
  };
}

/**
 * How many returns the monitoring period holds when they fall on calendar anniversaries: every return due
 * by the period's end after completion (5 years of yearly returns make 5).
 */
export function returnsInPeriod(completedAt: string, rules: Pick<MonitoringRules, 'period' | 'returnInterval'>): number {
  const end = Date.parse(shiftInWales(completedAt, rules.period));
  let returns = 0;
  // Bounded: no programme monitors for more than a lifetime of returns.
  while (returns < 1000 && Date.parse(shiftInWales(completedAt, rules.returnInterval, returns + 1)) <= end) returns += 1;
  return returns;
}

/**
 * The instants of return `period` (1-based) on calendar anniversaries in Wales: due on the `period`th
 * anniversary of completion (by the return interval, at the time of day the project completed), open for
 * `opensBefore` before that and reminded `reminderBefore` before it. Rules made before returns had a
 * window (`opensBefore` absent) open them when their reminder goes out.
 */
export function anniversarySchedule(completedAt: string, period: number, rules: MonitoringRules): ReturnSchedule {
  const duty = onAnniversary(completedAt, period, { every: rules.returnInterval, opensBefore: rules.opensBefore, reminderBefore: rules.reminderBefore });
  return { ...duty, escalateAt: shiftInWales(duty.dueAt, rules.escalateAfter) };
}

/** Why return `period` cannot be sent yet, with the date it opens, in Welsh and English. */
export function returnNotOpenYet(period: number, schedule: Pick<ReturnSchedule, 'opensAt' | 'dueAt'>): Bilingual {
  const [cy, en] = [opensAndDue(schedule, 'cy'), opensAndDue(schedule, 'en')];
  return {
    cy: `Nid yw ffurflen fonitro ${period} ar agor eto: gellir ei hanfon o ${cy.opens} ymlaen, ac mae’n ddyledus erbyn ${cy.due}`,
    en: `Monitoring return ${period} is not open yet: it can be sent from ${en.opens}, and is due by ${en.due}`,
  };
}

export type MonitoringEventKind = 'opened' | 'reminder' | 'overdue' | 'escalated' | 'submitted' | 'closed';

/** The monitoring_return row's status after each kind of event (the closing event leaves the rows alone). */
export const returnStatusAfter: Record<Exclude<MonitoringEventKind, 'closed'>, 'due' | 'overdue' | 'submitted' | null> = {
  opened: 'due',
  reminder: null,
  overdue: 'overdue',
  escalated: 'overdue',
  submitted: 'submitted',
};

/**
 * What happened, in plain words, for the case's history (the audit summary): roles, never staff names.
 * `dueAt` is the return's due date (null for the closing event).
 */
export function monitoringEventSummary(
  kind: MonitoringEventKind,
  { period, periods, dueAt, late }: { period: number; periods: number; dueAt: string | null; late?: boolean },
): Bilingual {
  const due = (l: Language) => (dueAt ? readableDate(dueAt, l) : '');
  switch (kind) {
    case 'opened':
      return {
        cy: `Mae ffurflen fonitro ${period} o ${periods} ar agor; mae’n ddyledus erbyn ${due('cy')}`,
        en: `Monitoring return ${period} of ${periods} is open; it is due by ${due('en')}`,
      };
    case 'reminder':
      return {
        cy: `Anfonwyd nodyn atgoffa: mae ffurflen fonitro ${period} yn ddyledus erbyn ${due('cy')}`,
        en: `A reminder was sent: monitoring return ${period} is due by ${due('en')}`,
      };
    case 'overdue':
      return {
        cy: `Mae ffurflen fonitro ${period} yn hwyr: roedd yn ddyledus ar ${due('cy')}`,
        en: `Monitoring return ${period} is overdue: it was due on ${due('en')}`,
      };
    case 'escalated':
      return {
        cy: `Rhoddwyd gwybod i’r swyddog achos a’i reolwr nad yw ffurflen fonitro ${period} wedi dod i law`,
        en: `The case officer and their manager were told that monitoring return ${period} has not arrived`,
      };
    case 'submitted':
      return late
        ? { cy: `Anfonodd y grŵp ffurflen fonitro ${period} yn hwyr`, en: `The group sent monitoring return ${period}, late` }
        : { cy: `Anfonodd y grŵp ffurflen fonitro ${period}`, en: `The group sent monitoring return ${period}` };
    case 'closed':
      return {
        cy: `Daeth y cyfnod monitro i ben ar ôl ${periods} ffurflen`,
        en: `The monitoring period ended after ${periods} returns`,
      };
  }
}
