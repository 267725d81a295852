import type { Bilingual } from './bilingual.js';

// Whom a view of a case is for. Every reader sees the same events (the workflow's history holds them all),
// but not the same things: the group (its members and the advisers it invites) reads what is written to
// the group; the staff who work the case read it in their own words, and see what is only for them
// (staff notes, who objected).

export type Audience = 'staff' | 'group';

/** How one kind of case's events read, for each audience. */
export interface CaseEventWording<T extends string> {
  /** What the group reads, as the workflow records it with each event. */
  group: Record<T, Bilingual>;
  /** The staff's own words for each kind of event. */
  staff: Record<T, Bilingual>;
  /** Kinds of event the group is never shown (staff notes). */
  staffOnly: readonly T[];
}

/** Whether `audience` is shown events of `type` at all. */
export function isShownTo<T extends string>(type: string, audience: Audience, wording: CaseEventWording<T>): boolean {
  return audience === 'staff' || !(wording.staffOnly as readonly string[]).includes(type);
}

/**
 * What an event says to `audience`. The group reads the summary recorded with the event. Staff read their
 * own words for the kind of event, except where the workflow wrote a summary for this event alone (who
 * decided, the tenure granted): those are written about the group, never to it, so they stand for staff too.
 */
export function eventSummaryFor<T extends string>(event: { type: string; summary: Bilingual }, audience: Audience, wording: CaseEventWording<T>): Bilingual {
  if (audience === 'group') return event.summary;
  const type = event.type as T;
  const usual = wording.group[type] as Bilingual | undefined;
  const staff = wording.staff[type] as Bilingual | undefined;
  const writtenForThisEvent = usual === undefined || usual.cy !== event.summary.cy || usual.en !== event.summary.en;
  return writtenForThisEvent || staff === undefined ? event.summary : staff;
}
