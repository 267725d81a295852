import { z } from 'zod';
import { message } from '../../domain/validation-messages.js';

// A sort code is taken as people write it, 123456 or 12-34-56, kept as its six digits, and shown to people
// one way only, 12-34-56: in answers, mail, the audit trail and the bank file alike.

/** Six digits as 12-34-56, however they were typed ('12-34-56', '12 34 56', '123456'); null if not six digits. */
export function formattedSortCode(sortCode: string): string | null {
  const digits = sortCode.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}` : null;
}

/** What the API accepts: 123456 or 12-34-56, kept as the six digits. */
export const sortCodeInput = z
  .string()
  .regex(/^(\d{6}|\d{2}-\d{2}-\d{2})$/, message('sortCode'))
  .transform((value) => value.replaceAll('-', ''))
  .meta({ description: 'Six digits, as 123456 or 12-34-56; always answered as 12-34-56', example: '30-96-34' });
