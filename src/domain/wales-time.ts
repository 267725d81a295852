import type { Language } from './bilingual.js';

// Dates as people in Wales read them. Every calendar date the system keeps or compares (a breach's day,
// the policy in force, a financial year, an award date) is the date in Wales, and every date written to a
// person is in their language and in Wales's time. Pure, so workflows may use it.

// Formatters are made when first used, not when the module loads: every workflow loads its own copy of
// this module, and making a time-zone formatter costs milliseconds that most cases never need.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Europe/London' });
    formatters.set(key, made);
  }
  return made;
}

/** The calendar date in Wales of an instant, YYYY-MM-DD: a decision at 00:30 BST is on that day, not the one before. */
export function dateInWales(instant: Date): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const readable = {
  day: { dateStyle: 'long' },
  dayAndTime: { dateStyle: 'long', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** '4 Mehefin 2026' / '4 June 2026', or with the time ('4 June 2026 at 17:00'), in Wales's time. */
export function readableDate(instant: Date | string, language: Language, style: keyof typeof readable = 'day'): string {
  return formatter(`${language}-GB`, readable[style]).format(typeof instant === 'string' ? new Date(instant) : instant);
}
