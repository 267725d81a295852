import type { Bilingual } from './bilingual.js';

/** Domain failures a caller can act on, each with one HTTP status (see src/api/problem.ts). */
export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** An open-data file before there is anything in it to publish. */
  nothing_published: 404,
  conflict: 409,
  too_many_requests: 429,
  /** A command was taken but its record could not be written (a bug, never the caller's mistake). */
  not_recorded: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    readonly detail: Bilingual,
  ) {
    super(detail.en);
  }
}
