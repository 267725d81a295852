import { z } from 'zod';
import { isCaseReference } from './case-reference.js';

// PostgreSQL refuses the NUL character in text, so a string carrying one would fail deep inside a query
// (a 500, or an activity retrying for ever). Refuse it, and other control characters, at the edge.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text a person typed: trimmed, not empty, at most `max` characters, no control characters. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !controlCharacters.test(value), 'must not contain control characters');
}

/** A case reference such as ENQ-2026-000123, optionally of one programme. */
export function caseReference(prefix?: string) {
  return z.string().refine((value) => isCaseReference(value, prefix), 'is not a case reference');
}
