import { z } from 'zod';
import { maxPence } from './money.js';
import { plainText } from './text.js';
import { builtMessage, message } from './validation-messages.js';

// The small schemas every kind of input repeats (a case command, a finance request, a policy file, a list's
// query), defined once so the same thing is checked, and the same refusal worded, the same way everywhere.
// Apart from money.ts because workflows import that, and zod has no place in their sandbox.

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

/**
 * `a` or `a,b,c`, each one of `values`: checked as one string (so the OpenAPI document shows the pattern),
 * then split, each value once. `what` names the values in a refusal.
 */
export function commaSeparated<const T extends readonly string[]>(values: T, what: { cy: 'statws' | 'cam'; en: 'statuses' | 'stages' }) {
  const one = `(?:${values.join('|')})`;
  return z
    .string()
    .regex(
      new RegExp(`^${one}(?:,${one})*$`),
      builtMessage({
        cy: `rhaid iddo fod yn un ${what.cy} neu fwy, wedi’u gwahanu gan atalnodau: ${values.join(', ')}`,
        en: `must be one or more ${what.en}, separated by commas: ${values.join(', ')}`,
      }),
    )
    .transform((value) => [...new Set(value.split(','))] as T[number][]);
}

/**
 * `value`, read back from a table, as one of `values`. The database column is plain text, so a value the
 * code does not know is a fault of ours (a migration or a write gone wrong), never the reader's: it throws.
 */
export function known<T extends string>(values: readonly T[], value: string, what: string, holder = 'The read model'): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`${holder} holds an unknown ${what} ${JSON.stringify(value)}`);
}
