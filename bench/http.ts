// One API client per person, with a bearer token, as an API client would call Cymuned.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** Tries of a command answered 503 before the bench gives up on it. */
const retries = 5;

export interface Answer {
  status: number;
  json: Record<string, unknown> | undefined;
  /** From sending the request to the whole body read. */
  ms: number;
}

export type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

export function client(baseUrl: string, token: string): Call {
  return async (method, path, body) => {
    const started = performance.now();
    // As a well-behaved client: a command carries an Idempotency-Key, and a 503 (the command not confirmed
    // in time, as on a loaded machine) is sent again with the same key after its Retry-After. The time
    // measured is the whole of it, retries included.
    const key = method === 'GET' ? undefined : randomUUID();
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'en',
          ...(key ? { 'idempotency-key': key } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 503 && key && attempt < retries) {
        await sleep(1000 * Math.min(5, Number(response.headers.get('retry-after')) || 1));
        continue;
      }
      const ms = performance.now() - started;
      let json: Record<string, unknown> | undefined;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, json, ms };
    }
  };
}

/** Throws unless the answer has the expected status, with what the API said. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer;
}
