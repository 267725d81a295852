import { z } from 'zod';
import { builtMessage } from './validation-messages.js';

// Pieces of input and read-model checking that several lists and views share, kept once so the same
// query parameter is checked, and the same refusal worded, the same way everywhere.

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
