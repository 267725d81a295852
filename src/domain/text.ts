import { z } from 'zod';
import { isCaseReference } from './case-reference.js';
import { message } from './validation-messages.js';

// PostgreSQL refuses the NUL character in text, so a string carrying one would fail deep inside a query
// (a 500, or an activity retrying for ever). Refuse it, and other control characters, at the edge.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// A UTF-16 surrogate without its partner is not a character: PostgreSQL refuses it in JSON ("invalid input
// syntax for type json"), which once left a case's event unwritable. The API refuses such text before any
// schema sees it (src/api/well-formed-input.ts); this is the second line, for callers that are not the API.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Embeddings, overrides and isolates reorder how the text around them is shown ("Trojan Source"): a file
// name or a sentence can read differently from what it is.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

// One-line fields go into e-mail subjects, letters, lists and headers, where a line break or tab starts
// what looks like a new line of the official text (a project title once added "re-enter your bank details
// at http://…" to an e-mail). So: no C0 or C1 control characters at all (CR, LF and TAB included), no Unicode
// line or paragraph separators, and no bidirectional controls or marks.
const lineBreaksAndControls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const bidiControlsAndMarks = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

/** True when `value` is well-formed UTF-16 (every surrogate in a pair), so it can be encoded as UTF-8. */
export function isWellFormedText(value: string): boolean {
  return !loneSurrogate.test(value);
}

/** `value` with each lone surrogate replaced by U+FFFD, as String.prototype.toWellFormed does (ES2024). */
export function wellFormed(value: string): string {
  return value.replace(loneSurrogates, '\uFFFD');
}

function text(max: number) {
  return z.string().trim().min(1).max(max).refine(isWellFormedText, message('wellFormedText'));
}

/**
 * Free text a person typed, which may run over several lines: trimmed, not empty, at most `max`
 * characters, no control characters but line breaks and tabs, no bidirectional overrides.
 */
export function plainText(max: number) {
  return text(max)
    .refine((value) => !controlCharacters.test(value), message('noControlCharacters'))
    .refine((value) => !bidiControls.test(value), message('noBidiControls'));
}

/**
 * One line a person typed (a title, a name, a reference): trimmed, not empty, at most `max` characters,
 * no line breaks, tabs or other control characters, no bidirectional controls or marks.
 */
export function oneLineText(max: number) {
  return text(max)
    .refine((value) => !lineBreaksAndControls.test(value), message('oneLine'))
    .refine((value) => !bidiControlsAndMarks.test(value), message('noBidiControls'));
}

/** A case reference such as ENQ-2026-000123, optionally of one programme. */
export function caseReference(prefix?: string) {
  return z.string().refine((value) => isCaseReference(value, prefix), message('caseReference'));
}
