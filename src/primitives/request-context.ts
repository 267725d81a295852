import { AsyncLocalStorage } from 'node:async_hooks';

// The request being served, for whatever runs on its behalf: audit records, logs and Temporal calls name it.
// Nothing here knows Temporal, so audit, auth, operations, activities and the API may all import it;
// src/temporal/request-id-interceptors.ts carries it across to workflows and activities.

interface RequestContext {
  requestId: string;
  /** Set when the client sent an Idempotency-Key: the same for every retry of the same request. */
  commandId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `requestId` as the current request: Temporal calls made inside carry it. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Names what the current request asks for, the same way each time the client retries it (the API derives
 * it from the Idempotency-Key): Update ids and reserved case references are taken from it, so a retry of a
 * command whose answer was lost finds what the first try did instead of doing it again.
 */
export function setCommandId(commandId: string): void {
  const store = storage.getStore();
  if (store) store.commandId = commandId;
}

export function currentCommandId(): string | undefined {
  return storage.getStore()?.commandId;
}
