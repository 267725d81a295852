import pino, { type Logger } from 'pino';

// One JSON logger for the API, the worker and the Temporal runtime, so a request id can be followed
// through every line a command produces. A primitive, like src/primitives/: it imports nothing of ours, so
// every layer above the domain may use it (workflow code logs through Temporal's sandbox logger instead).
export type { Logger };

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  // People starting it in a terminal read lines; machines (and our tests) read JSON.
  const readable = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    ...(readable ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,service' } } } : {}),
    level,
    base: { service: 'cymuned', ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Credentials never reach the logs: bearer tokens, session cookies (sent and set) and CSRF tokens.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      remove: true,
    },
  });
}
