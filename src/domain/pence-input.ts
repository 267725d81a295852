import { z } from 'zod';
import { maxPence } from './money.js';
import { message } from './validation-messages.js';

// The one way money comes in through a schema: whole pence, capped at the one safe maximum. Apart from
// money.ts because workflows import that, and zod has no place in their sandbox.

/** Whole pence from `min` up to the one safe maximum, for request and configuration schemas. */
export function penceInput({ min = 0 }: { min?: number } = {}) {
  return z.number().int().min(min).max(maxPence);
}

/** Signed whole pence, at most the safe maximum either way, never 0 (a change of an amount). */
export function signedPenceInput() {
  return z
    .number()
    .int()
    .min(-maxPence)
    .max(maxPence)
    .refine((pence) => pence !== 0, message('notZero'));
}
