import { z } from 'zod';
import type { Language } from '../domain/bilingual.js';
import { translate, type MessageKey } from './i18n/index.js';
import type { FieldError } from './render.js';

// What every form page shares. A page's schema takes the form's strings and gives the operation's typed
// input; each refusal in it names a message key (z.string().min(1, 'apply.nameMissing')), so the error
// summary and the inline errors are in the page's language. Fields the form carries for the service
// (_csrf, _idempotencyKey) are not the person's answers and are never shown back.

/** A form as the page shows it: what was typed, and what is wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  errorList: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: {}, errorList: [] };

/** The form's fields as typed (strings only; a repeated field keeps its first), for showing them back. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('_')) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

/** Errors keyed by field, in the order the page lists them; the first error of a field wins. */
export function withErrors(values: Record<string, string>, errors: ReadonlyArray<readonly [field: string, text: string]>): FormState {
  const byField: Record<string, string> = {};
  for (const [field, text] of errors) byField[field] ??= text;
  return { values, errors: byField, errorList: Object.entries(byField).map(([field, text]) => ({ href: `#${field}`, text })) };
}

/** A schema's refusals as the page's errors, in its language; each issue's message is a catalogue key. */
export function refusedForm(error: z.ZodError, language: Language, values: Record<string, string>): FormState {
  return withErrors(
    values,
    error.issues.map((issue) => [String(issue.path[0] ?? ''), translate(issue.message as MessageKey, language)] as const),
  );
}

/** Only a path of this service, never another site: a `next` comes from the address bar. */
export function ownPath(next: unknown, otherwise = '/'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : otherwise;
}

/** A field that must be answered, trimmed, of at most `max` characters; `missing` is its message key. */
export function requiredText(max: number, missing: string) {
  return z.string(missing).trim().min(1, missing).max(max, 'forms.textTooLong');
}
