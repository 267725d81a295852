import type { Bilingual, Language } from '../bilingual.js';
import { shiftInWales } from '../wales-calendar.js';
import { readableDate } from '../wales-time.js';
import type { TransferProcess } from './process.js';

// The community-benefit reports a group sends after its transfer completes: report n is due on the nth
// anniversary of completion in Wales (by the process's reportEvery, at the time of day it completed), may
// be sent from opensBefore before that, and is reminded and escalated around its due date. Pure, so the
// workflow reckons its timers with it.

export interface ReportSchedule {
  /** It cannot be sent before this. */
  opensAt: string;
  remindAt: string;
  dueAt: string;
  /** When a missing report goes to the case officer and their manager. */
  overdueAt: string;
}

/** The instants of report `number` (1-based). Processes without a window open a report at its reminder. */
export function reportSchedule(completedAt: string, number: number, rules: TransferProcess['monitoring']): ReportSchedule {
  const dueAt = shiftInWales(completedAt, rules.reportEvery, number);
  return {
    opensAt: shiftInWales(dueAt, rules.opensBefore ?? rules.reminderBefore, -1),
    remindAt: shiftInWales(dueAt, rules.reminderBefore, -1),
    dueAt,
    overdueAt: shiftInWales(dueAt, rules.overdueAfter),
  };
}

/** Why report `number` cannot be sent yet, with the date it opens, in Welsh and English. */
export function reportNotOpenYet(number: number, schedule: { opensAt: string; dueAt: string }): Bilingual {
  const opens = (l: Language) => readableDate(schedule.opensAt, l, 'dayAndTime');
  const due = (l: Language) => readableDate(schedule.dueAt, l);
  return {
    cy: `Nid yw adroddiad budd cymunedol ${number} ar agor eto: gellir ei anfon o ${opens('cy')} ymlaen, ac mae’n ddyledus erbyn ${due('cy')}`,
    en: `Community-benefit report ${number} is not open yet: it can be sent from ${opens('en')}, and is due by ${due('en')}`,
  };
}
