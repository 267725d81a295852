import type { Language } from './bilingual.js';
import { shiftInWales } from './wales-calendar.js';
import { readableDate } from './wales-time.js';

// Yearly duties after a case completes (a CFP award's monitoring returns, a transfer's community-benefit
// reports) fall on anniversaries of completion in Wales: one rule for both, so they cannot drift apart.

export interface AnniversaryRules {
  /** The interval between duties ("1 year"). */
  every: string;
  /** How long before its due date a duty may be sent; absent in rules made before duties had a window. */
  opensBefore?: string;
  reminderBefore: string;
}

/**
 * Duty `number` (1-based): due on the `number`th anniversary of `completedAt` (at the time of day it
 * completed), open from `opensBefore` before that (at its reminder when there is no window), reminded
 * `reminderBefore` before it.
 */
export function onAnniversary(completedAt: string, number: number, rules: AnniversaryRules): { opensAt: string; remindAt: string; dueAt: string } {
  const dueAt = shiftInWales(completedAt, rules.every, number);
  return {
    opensAt: shiftInWales(dueAt, rules.opensBefore ?? rules.reminderBefore, -1),
    remindAt: shiftInWales(dueAt, rules.reminderBefore, -1),
    dueAt,
  };
}

/** When a duty not open yet opens and is due, as a refusal says them in `language`. */
export function opensAndDue(schedule: { opensAt: string; dueAt: string }, language: Language): { opens: string; due: string } {
  return { opens: readableDate(schedule.opensAt, language, 'dayAndTime'), due: readableDate(schedule.dueAt, language) };
}
