import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { durationMs } from '../domain/duration.js';

// Reading programme configuration: a file that is not JSON, or does not fit its schema, stops the start
// with a message naming the file and each field that is wrong, rather than surfacing months later in a case.

/** A policy duration such as '28 days' or '5 seconds' (what Temporal's timers take). */
export const configDuration = z.string().refine((value) => {
  try {
    return durationMs(value) > 0;
  } catch {
    return false;
  }
}, "is not a duration such as '28 days' or '5 seconds'");

export const configDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)');

/** Reads `file` as JSON checked by `schema`; `what` names the content in the error ("a valid …"). */
export async function readConfigFile<S extends z.ZodType>(file: string, schema: S, what: string): Promise<z.output<S>> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new Error(`${file} is not ${what}: ${problems}`);
  }
  return parsed.data;
}
