import { z } from 'zod';
import { maxPence } from './money.js';
import { plainText } from './text.js';
import { message } from './validation-messages.js';

// The small schemas every kind of input repeats (a case command, a finance request, a policy file), defined
// once so the same thing is checked the same way and has the same limit everywhere. Apart from money.ts
// because workflows import that, and zod has no place in their sandbox.

/** Why a person did something (a decision's reasons, a withdrawal, a refusal): up to 2,000 characters. */
export const reason = plainText(2000);

/** Whole pence from `min` up to the one safe maximum (src/domain/money.ts): the one way money comes in. */
export function penceInput({ min = 0 }: { min?: number } = {}) {
  return z.number().int().min(min).max(maxPence);
}

/** An amount of money in whole pence, from nothing up to the one safe maximum. */
export const pence = penceInput();

/** Signed whole pence, at most the safe maximum either way, never 0 (a change of an amount). */
export function signedPenceInput() {
  return z
    .number()
    .int()
    .min(-maxPence)
    .max(maxPence)
    .refine((amount) => amount !== 0, message('notZero'));
}
