import type { Bilingual } from '../bilingual.js';
import { onAnniversary, opensAndDue } from '../anniversary-schedule.js';
import { shiftInWales } from '../wales-calendar.js';
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
  const duty = onAnniversary(completedAt, number, { every: rules.reportEvery, opensBefore: rules.opensBefore, reminderBefore: rules.reminderBefore });
  return { ...duty, overdueAt: shiftInWales(duty.dueAt, rules.overdueAfter) };
}

/** Why report `number` cannot be sent yet, with the date it opens, in Welsh and English. */
export function reportNotOpenYet(number: number, schedule: { opensAt: string; dueAt: string }): Bilingual {
  const [cy, en] = [opensAndDue(schedule, 'cy'), opensAndDue(schedule, 'en')];
  return {
    cy: `Nid yw adroddiad budd cymunedol ${number} ar agor eto: gellir ei anfon o ${cy.opens} ymlaen, ac mae’n ddyledus erbyn ${cy.due}`,
    en: `Community-benefit report ${number} is not open yet: it can be sent from ${en.opens}, and is due by ${en.due}`,
  };
}
