/**
 * A problem that stops Cymuned from starting and that the person starting it can fix (a wrong
 * DATABASE_URL, an unreachable Temporal, a busy port). `main` prints its message as one line and exits
 * non-zero instead of showing a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}
