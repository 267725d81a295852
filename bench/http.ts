// One API client per person, with a bearer token, as an API client would call Cymuned.

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
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, ms };
  };
}

/** Throws unless the answer has the expected status, with what the API said. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer;
}
