import { dateInWales } from '../../domain/wales-time.js';

// When money sent by Bacs should reach the payee: the three-day cycle (the file goes in on day 1, is
// processed on day 2 and arrives on day 3), counted in working days in Wales. Bank holidays are not known
// here, so around them the date given is a day or two early; remittance notices say "expected by".

const isWeekend = (day: Date) => day.getUTCDay() === 0 || day.getUTCDay() === 6;

/** The date (YYYY-MM-DD) a payment in a run made at `runAt` should arrive: the third working day of its cycle. */
export function expectedPaymentDate(runAt: Date): string {
  const day = new Date(`${dateInWales(runAt)}T00:00:00Z`);
  // A run made at a weekend goes in on the Monday.
  while (isWeekend(day)) day.setUTCDate(day.getUTCDate() + 1);
  for (let workingDays = 0; workingDays < 2;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (!isWeekend(day)) workingDays += 1;
  }
  return day.toISOString().slice(0, 10);
}
