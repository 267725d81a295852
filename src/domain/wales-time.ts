import type { Language } from './bilingual.js';

// Dates as people in Wales read them. Every calendar date the system keeps or compares (a breach's day,
// the policy in force, a financial year, an award date) is the date in Wales, and every date written to a
// person is in their language and in Wales's time. Pure, so workflows may use it.

const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Wales of an instant, YYYY-MM-DD: a decision at 00:30 BST is on that day, not the one before. */
export function dateInWales(instant: Date): string {
  return isoDate.format(instant);
}

const readable = {
  day: { cy: new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeZone: 'Europe/London' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }) },
  dayAndTime: {
    cy: new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }),
    en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }),
  },
} satisfies Record<string, Record<Language, Intl.DateTimeFormat>>;

/** '4 Mehefin 2026' / '4 June 2026', or with the time ('4 June 2026 at 17:00'), in Wales's time. */
export function readableDate(instant: Date | string, language: Language, style: keyof typeof readable = 'day'): string {
  return readable[style][language].format(typeof instant === 'string' ? new Date(instant) : instant);
}
