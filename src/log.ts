import pino, { type Logger } from 'pino';

// One JSON logger for the API, the worker and the Temporal runtime, so a request id can be followed
// through every line a command produces.
export type { Logger };

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'cymuned', ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
  });
}
