import { durationMs } from './duration.js';

// Stepping through the calendar as people in Wales count it. A yearly return is due on the anniversary of
// the day it is counted from, at the same time of day in Wales, whatever the leap years and summer time
// in between: a year is not 365.25 days, and 365 days is not always a year. Durations in whole years step
// the calendar year, whole days and weeks the calendar day; anything shorter (the seconds tests run on)
// is exact. Pure, so workflows use it.

type Step = { unit: 'years' | 'days'; count: number } | { unit: 'ms'; count: number };

const calendarUnits: Record<string, 'years' | 'days' | 'weeks'> = {
  years: 'years',
  year: 'years',
  yrs: 'years',
  yr: 'years',
  y: 'years',
  weeks: 'weeks',
  week: 'weeks',
  w: 'weeks',
  days: 'days',
  day: 'days',
  d: 'days',
};

/** How `duration` ('1 year', '6 weeks', '3 seconds') steps: by calendar years, calendar days, or exactly. */
export function calendarStep(duration: string): Step {
  const match = /^(\d+) *([a-z]+)$/i.exec(duration.trim());
  const unit = match?.[2] ? calendarUnits[match[2].toLowerCase()] : undefined;
  if (match?.[1] && unit) {
    const count = Number(match[1]);
    return unit === 'weeks' ? { unit: 'days', count: count * 7 } : { unit, count };
  }
  return { unit: 'ms', count: durationMs(duration) };
}

// Made when first used: every workflow loads its own copy of this module (see wales-time.ts).
let walesParts: Intl.DateTimeFormat | undefined;

/** The calendar date and time of day in Wales of an instant (whole minutes; Wales's offsets are whole hours). */
function inWales(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  walesParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(walesParts.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Wales's offset from UTC at an instant, in milliseconds (0 in winter, an hour in summer). */
function offsetAt(ms: number): number {
  const local = inWales(ms);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return asUtc - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/**
 * The instant of a date and time of day in Wales. A time the clocks skip in spring is taken an hour on;
 * one they pass twice in autumn, the first time.
 */
function walesInstant(year: number, month: number, day: number, minuteOfDay: number, restMs: number): number {
  // The wall clock read as if it were UTC; the instants that read so in Wales are it less Wales's offset.
  const wall = Date.UTC(year, month - 1, day, 0, minuteOfDay) + restMs;
  const day0 = 86_400_000;
  const before = offsetAt(wall - day0);
  const after = offsetAt(wall + day0);
  const readsSo = [wall - Math.max(before, after), wall - Math.min(before, after)].filter((t) => t + offsetAt(t) === wall);
  return readsSo[0] ?? wall - before;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant `times` steps of `duration` after `instant` (before it, when `times` is negative), as ISO
 * 8601. By years: the same day of the month (29 February is the 28th in other years) and time of day in
 * Wales. By days: the same time of day in Wales.
 */
export function shiftInWales(instant: string, duration: string, times = 1): string {
  const start = Date.parse(instant);
  if (Number.isNaN(start)) throw new RangeError(`Not an instant: ${instant}`);
  const step = calendarStep(duration);
  if (step.unit === 'ms') return new Date(start + step.count * times).toISOString();
  const local = inWales(start);
  const minuteOfDay = local.hour * 60 + local.minute;
  const restMs = ((start % 60_000) + 60_000) % 60_000;
  if (step.unit === 'years') {
    const year = local.year + step.count * times;
    const day = Math.min(local.day, daysInMonth(year, local.month));
    return new Date(walesInstant(year, local.month, day, minuteOfDay, restMs)).toISOString();
  }
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + step.count * times));
  return new Date(walesInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minuteOfDay, restMs)).toISOString();
}
